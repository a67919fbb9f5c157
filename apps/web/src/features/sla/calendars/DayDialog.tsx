import type { CalendarDayView, CalendarView } from '@closeloop/domain';
import { Alert, App, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useSetCalendarDay, type WorkingWindow } from '../api.ts';
import { windowsText } from './time.ts';
import { WindowsEditor } from './WindowsEditor.tsx';

type Mode = 'normal' | 'off' | 'working';
interface Values {
  mode: Mode;
  name?: string;
  custom: boolean;
  windows: WorkingWindow[];
}

/** The hours the normal week gives a date (no override). */
export const weekWindows = (calendar: CalendarView, date: Dayjs) => calendar.week[(date.day() + 6) % 7] ?? [];

/**
 * One date of a calendar: a day off (holiday, company shutdown), a working day (调休上班, with the
 * make-up hours or its own), or back to the normal week.
 */
export function DayDialog({
  calendar,
  date,
  override,
  onClose,
}: {
  calendar: CalendarView;
  date: Dayjs;
  override: CalendarDayView | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const [form] = Form.useForm<Values>();
  const setDay = useSetCalendarDay(calendar.id);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const iso = date.format('YYYY-MM-DD');
  const sep = i18n.language === 'zh-CN' ? '、' : ', ';
  const normal = weekWindows(calendar, date);
  const label = date.locale(i18n.language === 'zh-CN' ? 'zh-cn' : 'en').format(t('calendars.dayFormat'));
  const mode = Form.useWatch('mode', form);
  const custom = Form.useWatch('custom', form);

  const initial: Values = override
    ? {
        mode: override.kind,
        name: override.name ?? '',
        custom: Boolean(override.windows?.length),
        windows: override.windows?.length ? override.windows : calendar.makeUpWindows,
      }
    : // Suggest the change a user most often makes: a workday off, a weekend day worked.
      { mode: normal.length ? 'off' : 'working', name: '', custom: false, windows: calendar.makeUpWindows };

  const submit = async (v: Values) => {
    try {
      if (v.mode === 'normal') {
        if (override) await setDay.mutateAsync({ date: iso, body: null });
      } else {
        const name = v.name?.trim();
        await setDay.mutateAsync({
          date: iso,
          body: {
            kind: v.mode,
            ...(name ? { name } : {}),
            ...(v.mode === 'working' && v.custom ? { windows: v.windows } : {}),
          },
        });
      }
      void message.success(t(`calendars.daySaved.${v.mode}`, { date: label }));
      onClose();
    } catch (err) {
      report(err, form, ['name', 'windows']);
    }
  };

  const normalText = normal.length ? t('calendars.normalWorking', { hours: windowsText(normal, sep) }) : t('calendars.normalRest');

  return (
    <Modal
      open
      title={t('calendars.dayTitle', { date: label })}
      okText={t('common:actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={setDay.isPending}
      destroyOnHidden
    >
      {override && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`calendars.current.${override.kind}`, { name: override.name || t('calendars.unnamed') })}
          description={t(`calendars.source.${override.source}`)}
        />
      )}
      <Form<Values> form={form} name="calendar-day" layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="mode" label={t('calendars.dayMode')}>
          <Radio.Group
            aria-label={t('calendars.dayMode')}
            options={[
              { value: 'normal', label: t('calendars.mode.normal') },
              { value: 'off', label: t('calendars.mode.off') },
              { value: 'working', label: t('calendars.mode.working') },
            ]}
          />
        </Form.Item>
        {mode === 'normal' ? (
          <Typography.Paragraph type="secondary">{normalText}</Typography.Paragraph>
        ) : (
          <>
            <Form.Item name="name" label={t('calendars.dayName')}>
              <Input
                maxLength={100}
                placeholder={mode === 'off' ? t('calendars.offNamePlaceholder') : t('calendars.workingNamePlaceholder')}
              />
            </Form.Item>
            {mode === 'working' && (
              <>
                <Form.Item name="custom" valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox>{t('calendars.customHours')}</Checkbox>
                </Form.Item>
                {custom ? (
                  <Form.Item name="windows" rules={[{ type: 'array', min: 1, message: t('calendars.windowsRequired') }]}>
                    <WindowsEditor label={label} emptyText={t('calendars.noWindows')} />
                  </Form.Item>
                ) : (
                  <Typography.Paragraph type="secondary">
                    {t('calendars.makeUpApplies', { hours: windowsText(calendar.makeUpWindows, sep) })}
                  </Typography.Paragraph>
                )}
              </>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
