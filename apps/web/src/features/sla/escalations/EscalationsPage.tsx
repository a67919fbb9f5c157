import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { type BreachRow, CLOCK_KINDS, type EscalationView } from '@closeloop/domain';
import { Alert, App, Button, Card, Flex, Form, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { departmentName, useDepartments, useUsers } from '../../admin/api.ts';
import { useSession } from '../../auth/session.tsx';
import { formatInstant } from '../../cases/detail/format.ts';
import { useAcknowledgeEscalation, useBreachSummary, useEscalations } from '../api.ts';

type OpenFilter = 'true' | 'false' | 'all';

/** This year's moments without the year. */
const shortInstant = (v: string) => (dayjs(v).year() === dayjs().year() ? dayjs(v).format('MM-DD HH:mm') : formatInstant(v));

/** 升级: deadlines that ran out and what the ladder did about them; acknowledging one says someone is on it. */
export default function EscalationsPage() {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const { message } = App.useApp();
  const { describe, report } = useApiProblem();
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [open, setOpen] = useState<OpenFilter>('true');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const escalations = useEscalations({ page, pageSize, departmentId, open: open === 'all' ? undefined : open });
  const acknowledge = useAcknowledgeEscalation();
  const { can } = useSession();
  const canAcknowledge = can('cases:handle');
  const departments = useDepartments();
  const users = useUsers();
  // English labels run longer ("Acknowledgement", "Unassigned").
  const latin = i18n.language !== 'zh-CN';
  const userName = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.displayName])), [users.data]);
  const deptName = (id: string | null) =>
    id
      ? departmentName(
          departments.data?.find((d) => d.id === id),
          i18n.language,
        ) || `#${id.slice(0, 8)}`
      : t('escalations.noDepartment');

  useEffect(() => {
    document.title = `${t('escalations.title')} · ${t('common:appName')}`;
  }, [t]);

  const doAcknowledge = async (e: EscalationView) => {
    try {
      await acknowledge.mutateAsync(e.id);
      void message.success(t('escalations.acknowledged', { number: e.caseNumber }));
    } catch (err) {
      report(err);
    }
  };

  const taken = (e: EscalationView) => {
    const who = (id: string) => userName.get(id) ?? `#${id.slice(0, 8)}`;
    const items = [
      e.notified.length ? { key: 'notified', color: 'default', text: t('escalations.notified', { count: e.notified.length }) } : null,
      e.reassignedTo ? { key: 'reassigned', color: 'blue', text: t('escalations.reassigned', { name: who(e.reassignedTo) }) } : null,
      e.priority ? { key: 'priority', color: 'red', text: t('escalations.priority', { from: e.priority.from, to: e.priority.to }) } : null,
    ].filter((x) => x !== null);
    if (items.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <Flex wrap gap={4}>
        {items.map((x) => (
          <Tag key={x.key} color={x.color} style={{ marginInlineEnd: 0 }}>
            {x.text}
          </Tag>
        ))}
      </Flex>
    );
  };

  /** Acknowledged when; else a button for those who handle cases, a tag for everyone else. */
  const status = (e: EscalationView) => {
    if (e.acknowledgedAt)
      return (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('escalations.acknowledgedAt', { at: formatInstant(e.acknowledgedAt) })}
        </Typography.Text>
      );
    if (!canAcknowledge) return <Tag color="orange">{t('escalations.open')}</Tag>;
    return (
      <Button
        size="small"
        icon={<CheckOutlined />}
        loading={acknowledge.isPending && acknowledge.variables === e.id}
        onClick={() => void doAcknowledge(e)}
        aria-label={t('escalations.acknowledgeCase', { number: e.caseNumber })}
      >
        {t('escalations.acknowledge')}
      </Button>
    );
  };

  const columns: ColumnsType<EscalationView> = [
    {
      key: 'at',
      title: t('escalations.at'),
      dataIndex: 'at',
      width: 110,
      render: (v: string) => <span title={formatInstant(v)}>{shortInstant(v)}</span>,
    },
    {
      key: 'case',
      title: t('escalations.case'),
      width: 170,
      render: (_, e) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Link to={`/cases/${e.caseNumber}`}>{e.caseNumber}</Link>
          <Typography.Text type="secondary" ellipsis={{ tooltip: e.caseTitle }} style={{ fontSize: 12 }}>
            {e.caseTitle}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'clock',
      title: t('escalations.clock'),
      dataIndex: 'clock',
      width: latin ? 150 : 90,
      render: (k: EscalationView['clock']) => t(`common:enums.clockKind.${k}`),
    },
    {
      key: 'level',
      title: t('escalations.level'),
      dataIndex: 'level',
      width: 76,
      render: (level: number) =>
        level === 0 ? <Tag color="orange">{t('escalations.warning')}</Tag> : <Tag color="red">{t('escalations.step', { n: level })}</Tag>,
    },
    { key: 'department', title: t('escalations.department'), dataIndex: 'departmentId', width: latin ? 120 : 100, render: deptName },
    {
      key: 'owner',
      title: t('escalations.owner'),
      dataIndex: 'ownerName',
      width: latin ? 100 : 80,
      render: (v: string | null) => v ?? t('escalations.noOwner'),
    },
    { key: 'taken', title: t('escalations.taken'), width: 210, render: (_, e) => taken(e) },
    {
      key: 'ack',
      title: t('escalations.status'),
      width: latin ? 140 : 100,
      fixed: 'right',
      render: (_, e) => status(e),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('escalations.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('escalations.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Form layout="inline">
            <Form.Item label={t('escalations.department')} htmlFor="esc-department">
              <Select
                id="esc-department"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('escalations.allDepartments')}
                value={departmentId}
                onChange={(v?: string) => {
                  setDepartmentId(v ?? undefined);
                  setPage(1);
                }}
                loading={departments.isPending}
                options={(departments.data ?? []).map((d) => ({ value: d.id, label: departmentName(d, i18n.language) }))}
                style={{ width: 180 }}
              />
            </Form.Item>
            <Form.Item>
              <Segmented<OpenFilter>
                aria-label={t('escalations.openFilter')}
                value={open}
                onChange={(v) => {
                  setOpen(v);
                  setPage(1);
                }}
                options={[
                  { value: 'true', label: t('escalations.open') },
                  { value: 'false', label: t('escalations.closed') },
                  { value: 'all', label: t('escalations.all') },
                ]}
              />
            </Form.Item>
          </Form>
          <Button icon={<ReloadOutlined />} onClick={() => void escalations.refetch()}>
            {t('common:actions.reload')}
          </Button>
        </Flex>
        {escalations.isError && (
          <Alert
            type="error"
            showIcon
            title={describe(escalations.error)}
            action={<Button onClick={() => void escalations.refetch()}>{t('common:states.retry')}</Button>}
            style={{ marginBottom: 12 }}
          />
        )}
        <Table<EscalationView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={escalations.data?.items ?? []}
          loading={escalations.isFetching}
          scroll={{ x: latin ? 1076 : 926 }}
          locale={{ emptyText: escalations.isPending ? t('common:states.loading') : t('escalations.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: escalations.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: ['25', '50', '100'],
            showTotal: (total) => t('escalations.total', { total }),
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
        />
      </Card>
      <BreachSummaryCard deptName={deptName} />
    </Flex>
  );
}

/** 本月各部门超期统计: breaches this month per department, split by clock. */
function BreachSummaryCard({ deptName }: { deptName: (id: string | null) => string }) {
  const { t } = useTranslation(['sla', 'common']);
  const { describe } = useApiProblem();
  const from = dayjs().startOf('month').format('YYYY-MM-DD');
  const to = dayjs().format('YYYY-MM-DD');
  const summary = useBreachSummary(from, to);
  const rows = [...(summary.data ?? [])].sort((a, b) => b.breaches - a.breaches);

  const columns: ColumnsType<BreachRow> = [
    { key: 'department', title: t('escalations.department'), dataIndex: 'departmentId', render: deptName },
    ...CLOCK_KINDS.map((k) => ({
      key: k,
      title: t(`common:enums.clockKind.${k}`),
      width: 110,
      align: 'end' as const,
      render: (_: unknown, r: BreachRow) => r.byClock[k] ?? 0,
    })),
    {
      key: 'total',
      title: t('escalations.breaches'),
      dataIndex: 'breaches',
      width: 90,
      align: 'end',
      render: (n: number) => (
        <Typography.Text strong type={n > 0 ? 'danger' : undefined}>
          {n}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card size="small" title={t('escalations.summaryTitle', { from, to })}>
      {summary.isError ? (
        <Alert type="error" showIcon title={describe(summary.error)} />
      ) : (
        <Table<BreachRow>
          rowKey={(r) => r.departmentId ?? 'none'}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={summary.isFetching}
          pagination={false}
          scroll={{ x: 700 }}
          locale={{ emptyText: summary.isPending ? t('common:states.loading') : t('escalations.summaryEmpty') }}
        />
      )}
    </Card>
  );
}
