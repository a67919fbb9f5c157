import type { CalendarDayView, CalendarView } from '@closeloop/domain';
import { Alert, Col, Flex, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendarDays } from '../api.ts';
import { weekWindows } from './DayDialog.tsx';
import { dateRanges } from './time.ts';

interface Group {
  name: string;
  off: string[];
  working: string[];
  first: string;
}

/** A year at a glance: days off and make-up workdays by name (春节, 国庆节 …) and the working days it leaves. */
export function YearSummary({ calendar, year, onYearChange }: { calendar: CalendarView; year: number; onYearChange: (y: number) => void }) {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const days = useCalendarDays(calendar.id, year);
  const sep = i18n.language === 'zh-CN' ? '、' : ', ';

  const { groups, workingDays, offDays, makeUpDays } = useMemo(() => {
    const list: CalendarDayView[] = days.data ?? [];
    const byName = new Map<string, Group>();
    for (const d of list) {
      const name = d.name?.trim() || t('calendars.unnamed');
      const g = byName.get(name) ?? { name, off: [], working: [], first: d.date };
      g[d.kind].push(d.date);
      if (d.date < g.first) g.first = d.date;
      byName.set(name, g);
    }
    const byDate = new Map(list.map((d) => [d.date, d]));
    let working = 0;
    for (let d = dayjs(`${year}-01-01`); d.year() === year; d = d.add(1, 'day')) {
      const o = byDate.get(d.format('YYYY-MM-DD'));
      if (o ? o.kind === 'working' : weekWindows(calendar, d).length > 0) working += 1;
    }
    return {
      // In the order of the holidays themselves (a make-up day can come weeks before).
      groups: [...byName.values()].sort((a, b) => (a.off.sort()[0] ?? a.first).localeCompare(b.off.sort()[0] ?? b.first)),
      workingDays: working,
      offDays: list.filter((d) => d.kind === 'off').length,
      makeUpDays: list.filter((d) => d.kind === 'working').length,
    };
  }, [days.data, calendar, year, t]);

  const years = [...new Set([...calendar.years.map((y) => y.year), dayjs().year() - 1, dayjs().year(), dayjs().year() + 1, year])].sort();
  const range = (dates: string[]) =>
    dates.length === 0
      ? '—'
      : dateRanges(dates)
          .map((r) => (r.days === 1 ? dayjs(r.from).format('MM-DD') : `${dayjs(r.from).format('MM-DD')} ~ ${dayjs(r.to).format('MM-DD')}`))
          .join(sep);

  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8}>
        <Typography.Text>{t('calendars.year')}</Typography.Text>
        <Select
          aria-label={t('calendars.year')}
          value={year}
          onChange={onYearChange}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 100 }}
        />
      </Flex>
      {days.isError && <Alert type="error" showIcon title={t('calendars.daysLoadFailed')} />}
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t('calendars.summary.workingDays')} value={workingDays} loading={days.isPending} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('calendars.summary.offDays')}
            value={offDays}
            loading={days.isPending}
            styles={{ content: { color: '#f5222d' } }}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('calendars.summary.makeUpDays')}
            value={makeUpDays}
            loading={days.isPending}
            styles={{ content: { color: '#fa8c16' } }}
          />
        </Col>
      </Row>
      <Table<Group>
        rowKey="name"
        size="small"
        loading={days.isFetching}
        dataSource={groups}
        pagination={false}
        locale={{ emptyText: days.isPending ? t('common:states.loading') : t('calendars.summary.empty', { year }) }}
        columns={[
          { key: 'name', title: t('calendars.summary.name'), dataIndex: 'name', width: 140 },
          {
            key: 'off',
            title: t('calendars.summary.off'),
            render: (_, g) => (
              <Flex gap={6} align="center" wrap>
                {g.off.length > 0 && <Tag color="red">{t('calendars.summary.dayCount', { count: g.off.length })}</Tag>}
                <span>{range(g.off)}</span>
              </Flex>
            ),
          },
          {
            key: 'working',
            title: t('calendars.summary.working'),
            width: 200,
            render: (_, g) => (
              <Flex gap={6} align="center" wrap>
                {g.working.length > 0 && <Tag color="orange">{t('calendars.summary.dayCount', { count: g.working.length })}</Tag>}
                <span>{range(g.working)}</span>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
