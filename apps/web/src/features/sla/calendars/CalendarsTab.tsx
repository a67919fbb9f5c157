import { DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import type { CalendarView } from '@closeloop/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Menu,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useSession } from '../../auth/session.tsx';
import { useCalendars, useDeleteCalendar } from '../api.ts';
import { CalendarDrawer } from './CalendarDrawer.tsx';
import { DeadlinePreview } from './DeadlinePreview.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { MonthView } from './MonthView.tsx';
import { ISO_WEEKDAYS, weekRuns, windowsText, zoneOffset } from './time.ts';
import { YearSummary } from './YearSummary.tsx';

/** 工作日历: the business calendars SLA clocks count working time on; list on the left, the chosen one on the right. */
export function CalendarsTab() {
  const { t } = useTranslation(['sla', 'common']);
  const { can } = useSession();
  const { describe } = useApiProblem();
  const calendars = useCalendars();
  const [search, setSearch] = useSearchParams();
  const [editing, setEditing] = useState<CalendarView | 'new' | null>(null);
  const canEdit = can('sla:manage');

  const list = calendars.data ?? [];
  const selected = list.find((c) => c.id === search.get('calendar')) ?? list.find((c) => c.isDefault) ?? list[0];
  const select = (id: string) => setSearch((p) => ({ ...Object.fromEntries(p), calendar: id }), { replace: true });

  return (
    <>
      {calendars.isError && (
        <Alert
          type="error"
          showIcon
          title={describe(calendars.error)}
          action={<Button onClick={() => void calendars.refetch()}>{t('common:states.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          <Card
            size="small"
            title={t('calendars.list')}
            extra={
              canEdit && (
                <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('calendars.create')}
                </Button>
              )
            }
            styles={{ body: { padding: list.length ? 4 : undefined } }}
          >
            {calendars.isPending ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : list.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendars.empty')} />
            ) : (
              <Menu
                mode="inline"
                style={{ borderInlineEnd: 'none' }}
                selectedKeys={selected ? [selected.id] : []}
                onClick={({ key }) => select(key)}
                items={list.map((c) => ({
                  key: c.id,
                  label: (
                    <Flex justify="space-between" align="center" gap={4}>
                      <Typography.Text ellipsis={{ tooltip: c.name }}>{c.name}</Typography.Text>
                      {c.isDefault && (
                        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                          {t('calendars.default')}
                        </Tag>
                      )}
                    </Flex>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          {selected ? (
            <CalendarDetail key={selected.id} calendar={selected} canEdit={canEdit} onEdit={() => setEditing(selected)} />
          ) : (
            !calendars.isPending && (
              <Card>
                <Empty description={t('calendars.noneSelected')} />
              </Card>
            )
          )}
        </Col>
      </Row>
      {editing && (
        <CalendarDrawer calendar={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={(c) => select(c.id)} />
      )}
    </>
  );
}

function CalendarDetail({ calendar, canEdit, onEdit }: { calendar: CalendarView; canEdit: boolean; onEdit: () => void }) {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const remove = useDeleteCalendar();
  const [importing, setImporting] = useState(false);
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  const [year, setYear] = useState(() => dayjs().year());
  const sep = i18n.language === 'zh-CN' ? '、' : ', ';
  const dayName = (i: number) => t(`calendars.weekday.${ISO_WEEKDAYS[i] ?? '1'}`);
  const runs = weekRuns(calendar.week);
  const weekText = runs.length
    ? runs
        .map(
          (r) =>
            `${r.from === r.to ? dayName(r.from) : t('calendars.dayRange', { from: dayName(r.from), to: dayName(r.to) })} ${windowsText(r.windows, sep)}`,
        )
        .join(i18n.language === 'zh-CN' ? '；' : '; ')
    : t('calendars.noWorkingTime');

  const doDelete = async () => {
    try {
      await remove.mutateAsync(calendar.id);
      void message.success(t('calendars.deleted', { name: calendar.name }));
    } catch (err) {
      report(err);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            {calendar.name}
            {calendar.isDefault && <Tag color="blue">{t('calendars.default')}</Tag>}
          </Space>
        }
        extra={
          canEdit && (
            <Space wrap>
              <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
                {t('calendars.editHours')}
              </Button>
              <Button size="small" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('calendars.import.button')}
              </Button>
              <Popconfirm
                title={t('calendars.deleteTitle', { name: calendar.name })}
                description={t('calendars.deleteDescription')}
                okText={t('common:actions.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common:actions.cancel')}
                onConfirm={doDelete}
                disabled={calendar.isDefault}
              >
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={calendar.isDefault}
                  title={calendar.isDefault ? t('calendars.defaultCannotDelete') : undefined}
                  aria-label={t('calendars.deleteTitle', { name: calendar.name })}
                />
              </Popconfirm>
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 8 }}
          items={[
            { key: 'tz', label: t('calendars.timeZone'), children: `${calendar.timeZone} ${zoneOffset(calendar.timeZone)}` },
            { key: 'week', label: t('calendars.weekHours'), children: weekText },
            {
              key: 'makeUp',
              label: t('calendars.makeUpHours'),
              children: calendar.makeUpWindows.length ? windowsText(calendar.makeUpWindows, sep) : '—',
            },
            {
              key: 'years',
              label: t('calendars.years'),
              children: calendar.years.length ? (
                <Flex wrap gap={4}>
                  {calendar.years.map((y) => (
                    <Tag key={y.year}>{t('calendars.yearCounts', { year: y.year, off: y.off, working: y.working })}</Tag>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="warning">{t('calendars.noYears')}</Typography.Text>
              ),
            },
          ]}
        />
        <Tabs
          size="small"
          items={[
            {
              key: 'month',
              label: t('calendars.monthView'),
              children: <MonthView calendar={calendar} month={month} onMonthChange={setMonth} canEdit={canEdit} />,
            },
            {
              key: 'year',
              label: t('calendars.yearView'),
              children: <YearSummary calendar={calendar} year={year} onYearChange={setYear} />,
            },
          ]}
        />
      </Card>
      <DeadlinePreview calendar={calendar} />
      {importing && <ImportDialog calendar={calendar} onClose={() => setImporting(false)} />}
    </Space>
  );
}
