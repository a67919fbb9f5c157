import { PlusOutlined } from '@ant-design/icons';
import type { CaseSummary } from '@closeloop/domain';
import { Alert, Button, Card, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SeverityTag, StatusTag } from '../../ui/CaseTags.tsx';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useCaseList } from '../cases/api.ts';

/** 案件记录: every case of the customer, newest first, with 登记案件 for this customer. */
export function CaseHistoryCard({ customerId, canCreate }: { customerId: string; canCreate: boolean }) {
  const { t } = useTranslation(['customers', 'common']);
  const [page, setPage] = useState(1);
  const cases = useCaseList({ customerId, sort: '-createdAt', page, pageSize: 10 });
  const { describe } = useApiProblem();
  const navigate = useNavigate();

  return (
    <Card
      title={t('detail.cases')}
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/cases/new?customerId=${customerId}`)}>
            {t('detail.newCase')}
          </Button>
        )
      }
    >
      {cases.isError && <Alert type="error" showIcon title={describe(cases.error)} style={{ marginBottom: 12 }} />}
      <Table<CaseSummary>
        rowKey="id"
        size="small"
        dataSource={cases.data?.items ?? []}
        loading={cases.isFetching}
        scroll={{ x: 1000 }}
        locale={{ emptyText: cases.isPending ? t('common:states.loading') : t('cases.empty') }}
        pagination={{
          current: page,
          pageSize: 10,
          total: cases.data?.total ?? 0,
          hideOnSinglePage: true,
          showTotal: (total) => t('cases.total', { total }),
          onChange: setPage,
        }}
        columns={[
          {
            title: t('cases.number'),
            dataIndex: 'number',
            width: 110,
            render: (n: string) => <Link to={`/cases/${n}`}>{n}</Link>,
          },
          { title: t('cases.title'), dataIndex: 'title', ellipsis: true, minWidth: 180 },
          { title: t('cases.type'), dataIndex: 'type', width: 100, render: (v: CaseSummary['type']) => t(`common:enums.caseType.${v}`) },
          { title: t('cases.status'), dataIndex: 'status', width: 120, render: (s: CaseSummary['status']) => <StatusTag status={s} /> },
          {
            title: t('cases.severity'),
            dataIndex: 'severity',
            width: 110,
            render: (s: CaseSummary['severity']) => <SeverityTag severity={s} />,
          },
          { title: t('cases.product'), key: 'product', width: 120, render: (_, c) => c.product?.model ?? '—' },
          { title: t('cases.owner'), key: 'owner', width: 100, render: (_, c) => c.owner?.displayName ?? t('cases.unassigned') },
          {
            title: t('cases.receivedAt'),
            dataIndex: 'receivedAt',
            width: 140,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
    </Card>
  );
}
