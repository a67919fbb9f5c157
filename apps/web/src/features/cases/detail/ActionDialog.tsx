import type { CaseAction, CaseView } from '@closeloop/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isStale, useApiProblem } from '../../../ui/useApiProblem.ts';
import { caseKeys, useTransition } from '../api.ts';
import { CloseFields } from './CloseFields.tsx';
import { type ActionValues, actionFieldName, formOf, initialActionValues, toTransitionBody } from './transition.ts';

const area = { autoSize: { minRows: 3, maxRows: 10 } } as const;

/** The form an action's guard needs, in a modal; sends the version the page loaded. */
export function ActionDialog({
  c,
  caseKey,
  action,
  onClose,
  onReopened,
  canDecide,
}: {
  c: CaseView;
  caseKey: string;
  action: CaseAction;
  onClose: () => void;
  onReopened?: (created: CaseView) => void;
  /** Whether the user may decide responsibility (`responsibility:decide`); others see it read-only. */
  canDecide: boolean;
}) {
  const { t } = useTranslation(['cases', 'common']);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const qc = useQueryClient();
  const [form] = Form.useForm<ActionValues>();
  const transition = useTransition(caseKey);
  const label = t(`common:enums.caseAction.${action}`);
  const kind = formOf(action);

  const submit = async (v: ActionValues) => {
    try {
      const result = await transition.mutateAsync(toTransitionBody(action, v, c.version, canDecide));
      message.success(t('dialog.done', { action: label, number: c.number }));
      if (result.createdCase) onReopened?.(result.createdCase);
      onClose();
    } catch (e) {
      if (isStale(e)) {
        message.error(t(e.problem.code === 'version_conflict' ? 'errors.versionConflict' : 'errors.transitionNotAllowed'), 6);
        void qc.invalidateQueries({ queryKey: caseKeys.detail(caseKey) });
        void qc.invalidateQueries({ queryKey: caseKeys.events(caseKey) });
        onClose();
        return;
      }
      report(e, form, actionFieldName);
    }
  };

  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];

  return (
    <Modal
      open
      title={t('dialog.title', { action: label, number: c.number })}
      okText={label}
      okButtonProps={{ danger: action === 'reject' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={transition.isPending}
      destroyOnHidden
      width={kind === 'close' ? 640 : 520}
    >
      <Form<ActionValues>
        form={form}
        name={`action-${action}`}
        layout="vertical"
        initialValues={initialActionValues(action, c)}
        onFinish={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            form.submit();
          }
        }}
      >
        {kind === 'close' && <CloseFields c={c} canDecide={canDecide} />}
        {kind === 'reject' && (
          <Form.Item name="explanation" label={t('fields.rejectionExplanation')} rules={required(t('rules.explanation'))}>
            <Input.TextArea {...area} maxLength={10000} autoFocus placeholder={t('dialog.explanationPlaceholder')} />
          </Form.Item>
        )}
        {kind === 'reason' && (
          <Form.Item
            name="reason"
            label={t(`dialog.reasonLabel.${action as 'hold' | 'decline' | 'reopen'}`)}
            rules={required(t('rules.reason'))}
          >
            <Input.TextArea {...area} maxLength={2000} autoFocus />
          </Form.Item>
        )}
        {kind === 'proposal' && (
          <Form.Item name="proposal" label={t('fields.proposal')} rules={required(t('rules.proposal'))}>
            <Input.TextArea {...area} maxLength={10000} autoFocus />
          </Form.Item>
        )}
        {kind === 'resolution' && (
          <Form.Item name="resolution" label={t('fields.resolution')} rules={required(t('rules.resolution'))}>
            <Input.TextArea {...area} maxLength={10000} autoFocus />
          </Form.Item>
        )}
        {kind === 'note' && (
          <Form.Item name="note" label={t('dialog.note')}>
            <Input.TextArea {...area} maxLength={5000} autoFocus placeholder={t('dialog.optional')} />
          </Form.Item>
        )}
        {action === 'reopen' && <p style={{ color: 'rgba(0,0,0,0.45)', marginTop: -8 }}>{t('dialog.reopenHint')}</p>}
      </Form>
    </Modal>
  );
}
