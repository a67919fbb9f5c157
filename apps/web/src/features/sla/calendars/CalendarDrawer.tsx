import { CalendarBody, type CalendarView } from '@closeloop/domain';
import { App, Button, Checkbox, Divider, Drawer, Flex, Form, Input, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useSaveCalendar, type WeekHours, type WorkingWindow } from '../api.ts';
import { ISO_WEEKDAYS, NEW_CALENDAR_MAKE_UP, NEW_CALENDAR_WEEK, timeZoneOptions } from './time.ts';
import { WindowsEditor } from './WindowsEditor.tsx';

interface Values {
  name: string;
  timeZone: string;
  isDefault: boolean;
  week: WeekHours;
  makeUpWindows: WorkingWindow[];
}
const FIELDS = ['name', 'timeZone', 'isDefault', 'week', 'makeUpWindows'];

/** 新建 / 编辑工作日历: name, time zone, the hours of the normal week and of make-up workdays. */
export function CalendarDrawer({
  calendar,
  onClose,
  onSaved,
}: {
  calendar: CalendarView | null;
  onClose: () => void;
  onSaved?: (c: CalendarView) => void;
}) {
  const { t } = useTranslation(['sla', 'common']);
  const [form] = Form.useForm<Values>();
  const save = useSaveCalendar();
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const zones = useMemo(() => timeZoneOptions(), []);

  const initial: Values = calendar
    ? {
        name: calendar.name,
        timeZone: calendar.timeZone,
        isDefault: calendar.isDefault,
        week: calendar.week,
        makeUpWindows: calendar.makeUpWindows,
      }
    : { name: '', timeZone: 'Asia/Shanghai', isDefault: false, week: NEW_CALENDAR_WEEK, makeUpWindows: NEW_CALENDAR_MAKE_UP };

  const submit = async (v: Values) => {
    const body = { name: v.name.trim(), timeZone: v.timeZone, week: v.week, makeUpWindows: v.makeUpWindows, isDefault: v.isDefault };
    // The same rules the server applies: windows in order, not overlapping, ending after they start.
    const parsed = CalendarBody.safeParse(body);
    if (!parsed.success) {
      const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const issue of parsed.error.issues) {
        const [top, day] = issue.path;
        const name = top === 'week' && typeof day === 'number' ? ['week', day] : [String(top)];
        const text = top === 'week' || top === 'makeUpWindows' ? t('calendars.windowsInvalid') : issue.message;
        byField.set(name.join('.'), { name, errors: [text] });
      }
      form.setFields([...byField.values()] as Parameters<typeof form.setFields>[0]);
      return;
    }
    try {
      const saved = await save.mutateAsync(calendar ? { id: calendar.id, body: { ...body, version: calendar.version } } : { body });
      void message.success(t('calendars.saved', { name: saved.name }));
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'version_conflict') {
        void message.warning(t('conflict'), 6);
        onClose();
        return;
      }
      report(err, form, FIELDS);
    }
  };

  const copyMonday = () => {
    const monday = form.getFieldValue(['week', 0]) as WorkingWindow[];
    const week = [...(form.getFieldValue('week') as WeekHours)];
    for (let i = 1; i < 5; i++) week[i] = monday.map((w) => ({ ...w }));
    form.setFieldValue('week', week);
  };

  return (
    <Drawer
      open
      size={680}
      title={calendar ? t('calendars.editTitle', { name: calendar.name }) : t('calendars.createTitle')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" onClick={() => form.submit()} loading={save.isPending}>
            {t('common:actions.save')}
          </Button>
        </Flex>
      }
    >
      <Form<Values> name="calendar" form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item
          name="name"
          label={t('calendars.name')}
          rules={[{ required: true, whitespace: true, message: t('calendars.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('calendars.namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item name="timeZone" label={t('calendars.timeZone')} extra={t('calendars.timeZoneHint')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={zones} virtual />
        </Form.Item>
        <Form.Item name="isDefault" valuePropName="checked" extra={t('calendars.isDefaultHint')}>
          <Checkbox>{t('calendars.isDefault')}</Checkbox>
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('calendars.weekHours')}
        </Divider>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('calendars.weekHoursHint')}</Typography.Text>
          <Button size="small" onClick={copyMonday}>
            {t('calendars.copyMonday')}
          </Button>
        </Flex>
        {ISO_WEEKDAYS.map((d, i) => {
          const day = t(`calendars.weekday.${d}`);
          return (
            <Form.Item key={d} name={['week', i]} label={day} style={{ marginBottom: 12 }} layout="horizontal" labelCol={{ flex: '56px' }}>
              <WindowsEditor label={day} emptyText={t('calendars.restDay')} />
            </Form.Item>
          );
        })}
        <Divider titlePlacement="start" plain>
          {t('calendars.makeUpHours')}
        </Divider>
        <Form.Item name="makeUpWindows" extra={t('calendars.makeUpHint')}>
          <WindowsEditor label={t('calendars.makeUpDay')} emptyText={t('calendars.noWindows')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
