import type { CaseView, RESPONSIBILITY_PARTIES } from '@closeloop/domain';
import { App, Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { ResponsibilityFields } from './ResponsibilityFields.tsx';
import type { useSaveCase } from './useSaveCase.tsx';

type Party = (typeof RESPONSIBILITY_PARTIES)[number];
interface Values {
  responsibility: { party?: Party; departmentId?: string; externalParty?: string; reason?: string };
}

/**
 * 责任判定 outside closing: `PATCH /cases/{id}` with the decision, for those with `responsibility:decide`.
 * Changing a recorded decision needs a new reason (the server says so on the reason field).
 */
export function ResponsibilityDialog({
  base,
  saver,
  onClose,
}: {
  base: CaseView;
  saver: ReturnType<typeof useSaveCase>;
  onClose: () => void;
}) {
  const { t } = useTranslation(['cases', 'common']);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const [form] = Form.useForm<Values>();
  const r = base.responsibility;

  const submit = async (v: Values) => {
    const x = v.responsibility;
    if (!x.party) return;
    try {
      const saved = await saver.save(
        base,
        {
          responsibility: {
            party: x.party,
            ...(x.party === 'ours' && x.departmentId ? { departmentId: x.departmentId } : {}),
            ...((x.party === 'supplier' || x.party === 'carrier') && x.externalParty?.trim()
              ? { externalParty: x.externalParty.trim() }
              : {}),
            reason: (x.reason ?? '').trim(),
          },
        },
        onClose,
      );
      if (saved) message.success(t('responsibility.saved'));
    } catch (e) {
      report(e, form);
    }
  };

  return (
    <Modal
      open
      title={t('responsibility.title', { number: base.number })}
      okText={t('common:actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saver.saving}
      destroyOnHidden
      width={600}
    >
      {r && <Typography.Paragraph type="secondary">{t('responsibility.changeHint')}</Typography.Paragraph>}
      <Form<Values>
        form={form}
        name="responsibility"
        layout="vertical"
        initialValues={{
          responsibility: r
            ? { party: r.party, departmentId: r.departmentId ?? undefined, externalParty: r.externalParty ?? undefined }
            : {},
        }}
        onFinish={submit}
      >
        <ResponsibilityFields required />
      </Form>
    </Modal>
  );
}
