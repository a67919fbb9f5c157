import { CLOCK_KINDS, type ClockKind } from '@closeloop/domain';
import { App, Checkbox, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useResetClocks, useSiteArrival } from '../api.ts';

/** 重置时限: which clocks start again from now, and why (on record in the timeline). */
export function ResetClocksDialog({
  caseId,
  number,
  kinds,
  onClose,
}: {
  caseId: string;
  number: string;
  kinds: readonly ClockKind[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['cases', 'common']);
  const [form] = Form.useForm<{ kinds: ClockKind[]; reason: string }>();
  const reset = useResetClocks(caseId);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const available = CLOCK_KINDS.filter((k) => kinds.includes(k));

  const submit = async (v: { kinds: ClockKind[]; reason: string }) => {
    try {
      // All clocks: leave the list out, as the API reads it.
      await reset.mutateAsync({ reason: v.reason.trim(), ...(v.kinds.length < available.length ? { kinds: v.kinds } : {}) });
      void message.success(t('deadlines.resetDone', { number }));
      onClose();
    } catch (e) {
      report(e, form);
    }
  };

  return (
    <Modal
      open
      title={t('deadlines.resetTitle', { number })}
      okText={t('deadlines.reset')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('deadlines.resetIntro')}</Typography.Paragraph>
      <Form form={form} name="reset-clocks" layout="vertical" initialValues={{ kinds: available, reason: '' }} onFinish={submit}>
        <Form.Item
          name="kinds"
          label={t('deadlines.resetKinds')}
          rules={[{ required: true, type: 'array', min: 1, message: t('deadlines.resetKindsRequired') }]}
        >
          <Checkbox.Group
            aria-label={t('deadlines.resetKinds')}
            options={available.map((k) => ({ value: k, label: t(`common:enums.clockKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('deadlines.resetReason')}
          rules={[{ required: true, whitespace: true, message: t('deadlines.resetReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('deadlines.resetReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 已到达现场: when the service engineer arrived (now, or earlier if recorded late). */
export function SiteArrivalDialog({ caseId, number, onClose }: { caseId: string; number: string; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'common']);
  const [form] = Form.useForm<{ arrivedAt: Dayjs }>();
  const arrive = useSiteArrival(caseId);
  const { message } = App.useApp();
  const { report } = useApiProblem();

  const submit = async (v: { arrivedAt: Dayjs }) => {
    try {
      await arrive.mutateAsync({ arrivedAt: v.arrivedAt.toISOString() });
      void message.success(t('deadlines.arrivedDone', { number }));
      onClose();
    } catch (e) {
      report(e, form);
    }
  };

  return (
    <Modal
      open
      title={t('deadlines.arrivedTitle', { number })}
      okText={t('deadlines.arrived')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={arrive.isPending}
      destroyOnHidden
    >
      <Form form={form} name="site-arrival" layout="vertical" initialValues={{ arrivedAt: dayjs().second(0) }} onFinish={submit}>
        <Form.Item
          name="arrivedAt"
          label={t('deadlines.arrivedAtLabel')}
          extra={t('deadlines.arrivedAtHint')}
          rules={[{ required: true, message: t('deadlines.arrivedAtRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            allowClear={false}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
