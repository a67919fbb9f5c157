import type { CaseSummary } from '@closeloop/domain';
import { Alert, Button, Card, Empty, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PriorityTag, StatusTag } from '../../ui/CaseTags.tsx';
import { RelativeTime } from '../../ui/RelativeTime.tsx';
import { useCaseList } from '../cases/api.ts';
import { caseListHref } from '../cases/list/params.ts';

const SHOWN = 10;

/** The user's own open cases, most urgent first. */
export function MyOpenCases({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation(['workspace', 'common']);
  const latin = i18n.language !== 'zh-CN';
  const navigate = useNavigate();
  const list = useCaseList({ status: ['open'], ownerId: userId, sort: 'priority', pageSize: SHOWN });
  const all = caseListHref({ status: ['open'], ownerId: userId, sort: 'priority' });

  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'number',
      title: t('myCases.number'),
      dataIndex: 'number',
      width: 100,
      render: (n: string) => (
        <Link to={`/cases/${n}`} onClick={(e) => e.stopPropagation()}>
          {n}
        </Link>
      ),
    },
    {
      key: 'priority',
      title: t('myCases.priority'),
      dataIndex: 'priority',
      width: 70,
      render: (p: CaseSummary['priority']) => <PriorityTag priority={p} />,
    },
    { key: 'title', title: t('myCases.title'), dataIndex: 'title', ellipsis: true },
    { key: 'customer', title: t('myCases.customer'), width: 140, ellipsis: true, render: (_: unknown, r) => r.customer?.name ?? '—' },
    {
      key: 'status',
      title: t('myCases.status'),
      dataIndex: 'status',
      width: latin ? 165 : 110,
      render: (s: CaseSummary['status']) => <StatusTag status={s} />,
    },
    {
      key: 'updatedAt',
      title: t('myCases.updatedAt'),
      dataIndex: 'updatedAt',
      width: latin ? 116 : 100,
      render: (v: string) => <RelativeTime value={v} />,
    },
  ];

  const total = list.data?.total ?? 0;
  return (
    <Card
      title={t('myCases.heading')}
      extra={total > 0 && <Link to={all}>{total > SHOWN ? t('myCases.viewAllCount', { count: total }) : t('myCases.viewAll')}</Link>}
      styles={{ body: { padding: 0 } }}
    >
      {list.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ margin: 16 }}
          title={t('myCases.loadFailed')}
          action={
            <Button size="small" onClick={() => void list.refetch()}>
              {t('common:states.retry')}
            </Button>
          }
        />
      ) : (
        <Table<CaseSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 720 }}
          onRow={(r) => ({ onClick: () => navigate(`/cases/${r.number}`), style: { cursor: 'pointer' } })}
          locale={{
            emptyText: list.isPending ? (
              ' '
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={<Typography.Text type="secondary">{t('myCases.empty')}</Typography.Text>}
              />
            ),
          }}
        />
      )}
    </Card>
  );
}
