import { CheckCircleTwoTone, CloseCircleTwoTone, RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { OUTBOX_STATUSES, type OutboxView } from '@closeloop/domain';
import { Alert, App, Button, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { formatInstant } from '../cases/detail/format.ts';
import { useOutbox, useRetryOutbox } from './api.ts';

type Status = OutboxView['status'];
const STATUS_COLORS: Record<Status, string> = {
  pending: 'blue',
  sending: 'processing',
  sent: 'success',
  failed: 'error',
  skipped: 'warning',
};
type Attempt = OutboxView['log'][number];

/** 消息发送记录: every e-mail the system queued, its delivery attempts, and a retry for those that did not go out. */
export function OutboxTab() {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const { message } = App.useApp();
  const { describe, report } = useApiProblem();
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const outbox = useOutbox({ page, pageSize, status });
  const retry = useRetryOutbox();

  const kindLabel = (kind: string) => {
    const key = `outbox.kinds.${kind}`;
    return i18n.exists(`sla:${key}`) ? t(key as 'outbox.kinds.email') : kind;
  };
  const doRetry = async (m: OutboxView) => {
    try {
      await retry.mutateAsync(m.id);
      void message.success(t('outbox.retried'));
    } catch (e) {
      report(e);
    }
  };

  const columns: ColumnsType<OutboxView> = [
    { key: 'createdAt', title: t('outbox.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatInstant(v) },
    { key: 'kind', title: t('outbox.kind'), dataIndex: 'kind', width: 90, render: kindLabel },
    { key: 'to', title: t('outbox.to'), dataIndex: 'to', width: 180, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      key: 'subject',
      title: t('outbox.subject'),
      dataIndex: 'subject',
      width: 260,
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'case',
      title: t('outbox.case'),
      dataIndex: 'caseId',
      width: 70,
      render: (id: string | null) => (id ? <Link to={`/cases/${id}`}>{t('outbox.openCase')}</Link> : '—'),
    },
    {
      key: 'status',
      title: t('outbox.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: Status, m) => (
        <Tooltip title={m.lastError ?? (s === 'skipped' ? t('outbox.skippedHint') : undefined)}>
          <Tag color={STATUS_COLORS[s]}>{t(`outbox.statuses.${s}`)}</Tag>
        </Tooltip>
      ),
    },
    { key: 'attempts', title: t('outbox.attempts'), dataIndex: 'attempts', width: 80, align: 'end' },
    {
      key: 'when',
      title: t('outbox.sentOrNext'),
      width: 140,
      render: (_, m) =>
        m.sentAt ? (
          formatInstant(m.sentAt)
        ) : m.status === 'pending' ? (
          <Typography.Text type="secondary">{formatInstant(m.availableAt)}</Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: t('actions'),
      width: 110,
      fixed: 'right',
      render: (_, m) =>
        (m.status === 'failed' || m.status === 'skipped') && (
          <Button
            type="link"
            size="small"
            icon={<RedoOutlined />}
            onClick={() => void doRetry(m)}
            loading={retry.isPending && retry.variables === m.id}
          >
            {t('outbox.retry')}
          </Button>
        ),
    },
  ];

  const attemptColumns: ColumnsType<Attempt> = [
    { key: 'attempt', title: '#', dataIndex: 'attempt', width: 50 },
    { key: 'at', title: t('outbox.attemptAt'), dataIndex: 'at', width: 150, render: (v: string) => formatInstant(v) },
    {
      key: 'ok',
      title: t('outbox.result'),
      dataIndex: 'ok',
      width: 90,
      render: (ok: boolean) =>
        ok ? (
          <span>
            <CheckCircleTwoTone twoToneColor="#52c41a" /> {t('outbox.ok')}
          </span>
        ) : (
          <span>
            <CloseCircleTwoTone twoToneColor="#ff4d4f" /> {t('outbox.notOk')}
          </span>
        ),
    },
    { key: 'instance', title: t('outbox.instance'), dataIndex: 'instance', width: 140, ellipsis: true },
    { key: 'detail', title: t('outbox.detail'), dataIndex: 'detail', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={{ maxWidth: 640 }}>
          {t('outbox.intro')}
        </Typography.Text>
        <Flex gap={8}>
          <Select<Status>
            allowClear
            aria-label={t('outbox.status')}
            placeholder={t('outbox.allStatuses')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`outbox.statuses.${s}`) }))}
            style={{ width: 140 }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void outbox.refetch()} aria-label={t('common:actions.reload')} />
        </Flex>
      </Flex>
      {outbox.isError && (
        <Alert
          type="error"
          showIcon
          title={describe(outbox.error)}
          action={<Button onClick={() => void outbox.refetch()}>{t('common:states.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<OutboxView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={outbox.data?.items ?? []}
        loading={outbox.isFetching}
        scroll={{ x: 1320 }}
        expandable={{
          rowExpandable: (m) => m.log.length > 0 || Boolean(m.lastError),
          expandedRowRender: (m) => (
            <Flex vertical gap={8}>
              {m.lastError && <Alert type="error" showIcon title={m.lastError} />}
              {m.log.length > 0 && (
                <Table<Attempt>
                  rowKey="attempt"
                  size="small"
                  columns={attemptColumns}
                  dataSource={m.log}
                  pagination={false}
                  aria-label={t('outbox.log')}
                />
              )}
            </Flex>
          ),
        }}
        locale={{ emptyText: outbox.isPending ? t('common:states.loading') : t('outbox.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: outbox.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: ['25', '50', '100'],
          showTotal: (total) => t('outbox.total', { total }),
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
      />
    </>
  );
}
