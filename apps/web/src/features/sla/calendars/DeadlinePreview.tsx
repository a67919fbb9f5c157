import { CalculatorOutlined } from '@ant-design/icons';
import { type CalendarView, TARGET_UNITS, type TargetUnit } from '@closeloop/domain';
import { Alert, Button, Card, DatePicker, Flex, Form, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useCalendarPreview } from '../api.ts';

interface Values {
  from: Dayjs;
  amount: number;
  unit: TargetUnit;
}

/** 时限试算: what a target of N working days or hours from a given moment comes to on this calendar. */
export function DeadlinePreview({ calendar }: { calendar: CalendarView }) {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const [form] = Form.useForm<Values>();
  const preview = useCalendarPreview(calendar.id);
  const { describe } = useApiProblem();
  const locale = i18n.language === 'zh-CN' ? 'zh-cn' : 'en';

  const submit = (v: Values) => preview.mutate({ from: v.from.toISOString(), amount: v.amount, unit: v.unit });
  const due = preview.data ? dayjs(preview.data.dueAt).locale(locale) : null;
  const from = preview.variables ? dayjs(preview.variables.from) : null;

  return (
    <Card size="small" title={t('calendars.preview.title')}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('calendars.preview.intro')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        name="deadline-preview"
        layout="inline"
        initialValues={{ from: dayjs().second(0).millisecond(0), amount: 2, unit: 'working_days' }}
        onFinish={submit}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="from"
          label={t('calendars.preview.from')}
          rules={[{ required: true, message: t('calendars.preview.fromRequired') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('calendars.preview.amount')}
          rules={[{ required: true, message: t('calendars.preview.amountRequired') }]}
        >
          <InputNumber min={0.25} max={10_000} step={1} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name="unit" aria-label={t('calendars.preview.unit')}>
          <Select
            aria-label={t('calendars.preview.unit')}
            style={{ width: 150 }}
            options={TARGET_UNITS.map((u) => ({ value: u, label: t(`common:enums.targetUnit.${u}`) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<CalculatorOutlined />} loading={preview.isPending}>
            {t('calendars.preview.run')}
          </Button>
        </Form.Item>
      </Form>
      {preview.isError && <Alert type="error" showIcon title={describe(preview.error)} style={{ marginTop: 12 }} />}
      {due && from && (
        <Flex vertical style={{ marginTop: 12 }} role="status" aria-live="polite">
          <Typography.Text>
            {t('calendars.preview.due')}{' '}
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="preview-due">
              {due.format(t('calendars.preview.dueFormat'))}
            </Typography.Text>
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('calendars.preview.wall', { hours: Math.round(due.diff(from, 'minute') / 6) / 10 })}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
