import type { UserView } from '@closeloop/domain';
import { App, DatePicker, Form, Modal, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useSetAway } from './api.ts';

/** The away state of a user (外出). */
export type AwayState = Pick<UserView, 'away' | 'awayUntil'>;

interface Values {
  away: boolean;
  until?: Dayjs | null;
}

/** 外出: "I'm away" (business trip, leave) with an optional last day, or back at work. */
export function AwayDialog({ current, onClose }: { current: AwayState; onClose: () => void }) {
  const { t } = useTranslation(['notifications', 'common']);
  const [form] = Form.useForm<Values>();
  const setAway = useSetAway();
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const away = Form.useWatch('away', form);

  const submit = async (v: Values) => {
    try {
      await setAway.mutateAsync(
        v.away ? { away: true, awayUntil: v.until ? v.until.endOf('day').toISOString() : null } : { away: false, awayUntil: null },
      );
      void message.success(v.away ? t('away.nowAway') : t('away.nowBack'));
      onClose();
    } catch (err) {
      report(err, form, ['away', 'awayUntil']);
    }
  };

  return (
    <Modal
      open
      title={t('away.title')}
      okText={t('common:actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={setAway.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="away"
        layout="vertical"
        // Opened while at work, the user means to go away; while away, they see the date and may switch back.
        initialValues={{ away: true, until: current.awayUntil ? dayjs(current.awayUntil) : null }}
        onFinish={submit}
      >
        <Form.Item name="away" label={t('away.switch')} valuePropName="checked">
          <Switch checkedChildren={t('away.away')} unCheckedChildren={t('away.atWork')} />
        </Form.Item>
        <Form.Item name="until" label={t('away.until')} extra={t('away.untilHint')}>
          <DatePicker disabled={!away} disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: 200 }} />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('away.hint')}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
