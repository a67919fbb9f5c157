import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { CalendarDayView, CalendarView } from '@closeloop/domain';
import { Alert, Button, DatePicker, Flex, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendarDays } from '../api.ts';
import { DayDialog, weekWindows } from './DayDialog.tsx';
import { ISO_WEEKDAYS } from './time.ts';

const COLORS = {
  off: { background: '#fff1f0', border: '#ffccc7', badge: '#f5222d' },
  working: { background: '#fff7e6', border: '#ffd591', badge: '#fa8c16' },
  rest: { background: '#fafafa', border: '#f0f0f0' },
};

/**
 * A month of a business calendar, Monday first: public holidays and other days off in red (休),
 * make-up workdays in orange (班), weekends of the normal week in grey. Clicking a date edits it.
 */
export function MonthView({
  calendar,
  month,
  onMonthChange,
  canEdit,
}: {
  calendar: CalendarView;
  /** `YYYY-MM` */
  month: string;
  onMonthChange: (month: string) => void;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const first = dayjs(`${month}-01`);
  const days = useCalendarDays(calendar.id, first.year());
  const [editing, setEditing] = useState<Dayjs | null>(null);
  const locale = i18n.language === 'zh-CN' ? 'zh-cn' : 'en';
  const byDate = useMemo(() => new Map((days.data ?? []).map((d) => [d.date, d])), [days.data]);
  const today = dayjs().format('YYYY-MM-DD');

  const start = first.subtract((first.day() + 6) % 7, 'day');
  const weeks = Array.from({ length: 6 }, (_, w) => Array.from({ length: 7 }, (_, d) => start.add(w * 7 + d, 'day')));
  const go = (d: Dayjs) => onMonthChange(d.format('YYYY-MM'));

  const cell = (date: Dayjs) => {
    const iso = date.format('YYYY-MM-DD');
    const inMonth = date.month() === first.month();
    const override: CalendarDayView | undefined = byDate.get(iso);
    const rest = weekWindows(calendar, date).length === 0;
    const look = override ? COLORS[override.kind] : rest ? COLORS.rest : { background: '#fff', border: '#f0f0f0' };
    const state = override
      ? t(`calendars.mode.${override.kind}`)
      : rest
        ? t('calendars.normalRestShort')
        : t('calendars.normalWorkingShort');
    const label = [date.locale(locale).format(t('calendars.dayFormat')), override?.name, state].filter(Boolean).join(' · ');
    const content = (
      <>
        <Flex justify="space-between" align="center">
          <span
            style={{
              fontWeight: iso === today ? 600 : 400,
              color: iso === today ? '#1677ff' : rest && !override ? '#8c8c8c' : undefined,
            }}
          >
            {date.date()}
          </span>
          {override && (
            <span
              aria-hidden
              style={{
                background: COLORS[override.kind].badge,
                color: '#fff',
                borderRadius: 4,
                fontSize: 12,
                lineHeight: '18px',
                padding: '0 4px',
              }}
            >
              {override.kind === 'off' ? t('calendars.badgeOff') : t('calendars.badgeWorking')}
            </span>
          )}
        </Flex>
        {override?.name && (
          <Typography.Text
            ellipsis
            style={{ display: 'block', fontSize: 12, color: COLORS[override.kind].badge, textAlign: 'start' }}
            title={override.name}
          >
            {override.name}
          </Typography.Text>
        )}
      </>
    );
    const style = {
      display: 'block',
      boxSizing: 'border-box' as const,
      width: '100%',
      height: 60,
      padding: '4px 6px',
      background: look.background,
      border: `1px solid ${iso === today ? '#1677ff' : look.border}`,
      borderRadius: 6,
      opacity: inMonth ? 1 : 0.4,
      textAlign: 'start' as const,
      verticalAlign: 'top',
      font: 'inherit',
      cursor: canEdit && inMonth ? 'pointer' : 'default',
    };
    return (
      <td key={iso} style={{ padding: 2, width: `${100 / 7}%` }} data-date={iso} data-kind={override?.kind ?? (rest ? 'rest' : 'workday')}>
        {canEdit && inMonth ? (
          <button type="button" aria-label={label} style={style} onClick={() => setEditing(date)}>
            {content}
          </button>
        ) : (
          <div aria-label={label} role="img" style={style}>
            {content}
          </div>
        )}
      </td>
    );
  };

  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Flex gap={4} align="center">
          <Button icon={<LeftOutlined />} aria-label={t('calendars.previousMonth')} onClick={() => go(first.subtract(1, 'month'))} />
          <DatePicker
            picker="month"
            allowClear={false}
            value={first}
            onChange={(d) => d && go(d)}
            aria-label={t('calendars.month')}
            format={locale === 'zh-cn' ? 'YYYY年M月' : 'MMMM YYYY'}
            style={{ width: 140 }}
          />
          <Button icon={<RightOutlined />} aria-label={t('calendars.nextMonth')} onClick={() => go(first.add(1, 'month'))} />
          <Button onClick={() => go(dayjs())}>{t('calendars.thisMonth')}</Button>
          {days.isFetching && <Spin size="small" />}
        </Flex>
        <Flex gap={12} wrap style={{ fontSize: 12 }}>
          <Legend color={COLORS.off.badge} text={t('calendars.badgeOff')} label={t('calendars.legendOff')} />
          <Legend color={COLORS.working.badge} text={t('calendars.badgeWorking')} label={t('calendars.legendWorking')} />
          <Flex align="center" gap={4}>
            <span style={{ width: 14, height: 14, background: COLORS.rest.background, border: `1px solid #d9d9d9`, borderRadius: 3 }} />
            <Typography.Text type="secondary">{t('calendars.legendRest')}</Typography.Text>
          </Flex>
        </Flex>
      </Flex>
      {days.isError && <Alert type="error" showIcon title={t('calendars.daysLoadFailed')} style={{ marginBottom: 8 }} />}
      <table
        style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'separate', borderSpacing: 0 }}
        aria-label={first.locale(locale).format(t('calendars.monthFormat'))}
      >
        <thead>
          <tr>
            {ISO_WEEKDAYS.map((d) => (
              <th key={d} scope="col" style={{ fontWeight: 500, padding: 4, color: d === '6' || d === '7' ? '#8c8c8c' : undefined }}>
                {t(`calendars.weekday.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]?.format('YYYY-MM-DD')}>{week.map(cell)}</tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('calendars.clickHint')}
        </Typography.Text>
      )}
      {editing && (
        <DayDialog
          calendar={calendar}
          date={editing}
          override={byDate.get(editing.format('YYYY-MM-DD'))}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function Legend({ color, text, label }: { color: string; text: string; label: string }) {
  return (
    <Flex align="center" gap={4}>
      <span style={{ background: color, color: '#fff', borderRadius: 4, padding: '0 4px', lineHeight: '18px' }}>{text}</span>
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Flex>
  );
}
