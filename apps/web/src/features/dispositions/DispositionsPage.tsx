import { AuditOutlined, CarOutlined, InboxOutlined, ReloadOutlined, ToolOutlined } from '@ant-design/icons';
import {
  DISPOSITION_KINDS,
  DISPOSITION_STATUSES,
  type DispositionKind,
  type DispositionQueueItem,
  type DispositionQueues,
  type DispositionStatus,
  type DispositionView,
} from '@closeloop/domain';
import { Alert, Badge, Button, Card, Col, Empty, Flex, Form, Row, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { formatInstant } from '../cases/detail/format.ts';
import { useDispositionList, useDispositionQueues } from './api.ts';
import { DispositionStatusTag, dispositionProblem, useMoney, useRoleName } from './format.tsx';

type QueueKey = keyof DispositionQueues;
const QUEUES: { key: QueueKey; icon: ReactNode; color: string }[] = [
  { key: 'approvalsForMe', icon: <AuditOutlined />, color: '#d48806' },
  { key: 'visitsToday', icon: <ToolOutlined />, color: '#1677ff' },
  { key: 'returnsAwaitingGoods', icon: <InboxOutlined />, color: '#722ed1' },
  { key: 'partsInTransit', icon: <CarOutlined />, color: '#13c2c2' },
];
type OpenFilter = 'true' | 'all';

/** Where a disposition is worked on: service orders on the phone page, everything else on its case. */
export const dispositionHref = (d: { id: string; kind: string; caseNumber: string }) =>
  d.kind === 'service_order' ? `/service-orders/${d.id}` : `/cases/${d.caseNumber}?tab=dispositions`;

function QueueCard({ queue, items, loading }: { queue: (typeof QUEUES)[number]; items: DispositionQueueItem[]; loading: boolean }) {
  const { t } = useTranslation(['dispositions', 'common']);
  return (
    <Card
      size="small"
      loading={loading}
      data-testid={`queue-${queue.key}`}
      title={
        <Flex gap={6} align="center">
          <span style={{ color: queue.color }}>{queue.icon}</span>
          <span>{t(`queues.${queue.key}.title`)}</span>
        </Flex>
      }
      extra={<Badge count={items.length} showZero color={items.length ? queue.color : '#d9d9d9'} />}
      style={{ height: '100%' }}
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t(`queues.${queue.key}.empty`)}</Typography.Text>
      ) : (
        <Flex vertical>
          {items.slice(0, 8).map((d, i) => (
            <Flex
              key={d.id}
              justify="space-between"
              align="center"
              gap={8}
              style={{ padding: '6px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <Link to={dispositionHref(d)}>{d.number}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <Link to={`/cases/${d.caseNumber}`} style={{ color: 'inherit' }}>
                    {d.caseNumber}
                  </Link>{' '}
                  · {t(`common:enums.dispositionKind.${d.kind}`)}
                </Typography.Text>
              </Flex>
              <DispositionStatusTag status={d.status} />
            </Flex>
          ))}
          {items.length > 8 && <Typography.Text type="secondary">{t('queues.more', { count: items.length - 8 })}</Typography.Text>}
        </Flex>
      )}
    </Card>
  );
}

/** 处置: the four work lists (approvals for me, visits today, returns awaiting goods, parts in transit) and all dispositions. */
export default function DispositionsPage() {
  const { t } = useTranslation(['dispositions', 'common']);
  const money = useMoney();
  const roleName = useRoleName();
  const queues = useDispositionQueues();
  const [kind, setKind] = useState<DispositionKind | undefined>();
  const [status, setStatus] = useState<DispositionStatus | undefined>();
  const [open, setOpen] = useState<OpenFilter>('true');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const list = useDispositionList({ kind, status, open: open === 'true' ? 'true' : undefined, page, pageSize });
  const { can } = useSession();

  useEffect(() => {
    document.title = `${t('page.title')} · ${t('common:appName')}`;
  }, [t]);

  const columns: ColumnsType<DispositionView> = [
    {
      key: 'number',
      title: t('page.number'),
      width: 150,
      render: (_, d) => <Link to={dispositionHref(d)}>{d.number}</Link>,
    },
    { key: 'case', title: t('page.case'), width: 110, render: (_, d) => <Link to={`/cases/${d.caseNumber}`}>{d.caseNumber}</Link> },
    { key: 'kind', title: t('page.kind'), width: 130, render: (_, d) => t(`common:enums.dispositionKind.${d.kind}`) },
    { key: 'status', title: t('page.status'), width: 110, render: (_, d) => <DispositionStatusTag status={d.status} /> },
    {
      key: 'decision',
      title: t('page.customerDecision'),
      width: 130,
      render: (_, d) => (d.kind === 'explanation' ? '—' : t(`common:enums.customerDecision.${d.customerDecision}`)),
    },
    { key: 'amount', title: t('page.amount'), width: 110, align: 'right', render: (_, d) => money(d.amount) },
    {
      key: 'approval',
      title: t('page.approval'),
      width: 170,
      render: (_, d) => {
        const a = d.approvals.at(-1);
        if (!a) return d.requiresApproval ? <Tag color="gold">{t('card.approvalNeeded')}</Tag> : '—';
        return (
          <Tag color={a.status === 'approved' ? 'green' : a.status === 'refused' ? 'red' : 'gold'}>
            {t('card.approval', { role: roleName(a.requiredRole), status: t(`common:enums.approvalStatus.${a.status}`) })}
          </Tag>
        );
      },
    },
    // Costs come only to those who may read them (costs:read).
    ...(can('costs:read')
      ? [
          {
            key: 'cost',
            title: t('page.cost'),
            width: 110,
            align: 'right' as const,
            render: (_: unknown, d: DispositionView) => (d.costTotal ? money(d.costTotal) : '—'),
          },
        ]
      : []),
    { key: 'updated', title: t('page.updated'), width: 140, render: (_, d) => formatInstant(d.updatedAt) },
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('page.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('page.intro')}</Typography.Text>
      </div>
      {queues.isError && (
        <Alert
          type="error"
          showIcon
          title={dispositionProblem(t, queues.error)}
          action={<Button onClick={() => queues.refetch()}>{t('common:states.retry')}</Button>}
        />
      )}
      <section aria-label={t('queues.label')}>
        <Row gutter={[16, 16]}>
          {QUEUES.map((q) => (
            <Col key={q.key} xs={24} md={12} xl={6}>
              <QueueCard queue={q} items={queues.data?.[q.key] ?? []} loading={queues.isPending} />
            </Col>
          ))}
        </Row>
      </section>
      <Card size="small" title={t('page.all')}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Form layout="inline">
            <Form.Item label={t('page.kind')} htmlFor="disp-kind">
              <Select
                id="disp-kind"
                allowClear
                placeholder={t('page.allKinds')}
                value={kind}
                onChange={(v?: DispositionKind) => {
                  setKind(v ?? undefined);
                  setPage(1);
                }}
                options={DISPOSITION_KINDS.map((k) => ({ value: k, label: t(`common:enums.dispositionKind.${k}`) }))}
                style={{ width: 170 }}
              />
            </Form.Item>
            <Form.Item label={t('page.status')} htmlFor="disp-status">
              <Select
                id="disp-status"
                allowClear
                placeholder={t('page.allStatuses')}
                value={status}
                onChange={(v?: DispositionStatus) => {
                  setStatus(v ?? undefined);
                  setPage(1);
                }}
                options={DISPOSITION_STATUSES.map((s) => ({ value: s, label: t(`common:enums.dispositionStatus.${s}`) }))}
                style={{ width: 150 }}
              />
            </Form.Item>
            <Form.Item>
              <Segmented<OpenFilter>
                aria-label={t('page.openFilter')}
                value={open}
                onChange={(v) => {
                  setOpen(v);
                  setPage(1);
                }}
                options={[
                  { value: 'true', label: t('page.openOnly') },
                  { value: 'all', label: t('page.everything') },
                ]}
              />
            </Form.Item>
          </Form>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              void list.refetch();
              void queues.refetch();
            }}
          >
            {t('common:actions.reload')}
          </Button>
        </Flex>
        {list.isError && <Alert type="error" showIcon title={dispositionProblem(t, list.error)} style={{ marginBottom: 12 }} />}
        <Table<DispositionView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1100 }}
          locale={{
            emptyText: list.isPending ? (
              t('common:states.loading')
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('page.empty')} />
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('page.total', { count: total }),
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
        />
      </Card>
    </Flex>
  );
}
