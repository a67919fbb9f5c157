import { EditOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Flex, Result, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { PageSpin } from '../../ui/PageSpin.tsx';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useSession } from '../auth/session.tsx';
import { useCustomer } from './api.ts';
import { CaseHistoryCard } from './CaseHistoryCard.tsx';
import { ContactsCard } from './ContactsCard.tsx';
import { CustomerEditModal } from './CustomerEditModal.tsx';
import { MarketTag, TierTag } from './tags.tsx';
import { UnitsCard } from './UnitsCard.tsx';

/** One customer's archive: the record, contacts, installed units and case history. */
export default function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['customers', 'common']);
  const { can } = useSession();
  const { describe } = useApiProblem();
  const customer = useCustomer(id);
  const [editing, setEditing] = useState(false);
  const navigate = useNavigate();

  if (customer.isPending) return <PageSpin />;
  if (customer.isError) {
    const missing = customer.error instanceof ApiError && (customer.error.status === 404 || customer.error.status === 400);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('detail.notFound') : t('common:states.error')}
        subTitle={missing ? undefined : describe(customer.error)}
        extra={
          <Space>
            <Button onClick={() => navigate('/customers')}>{t('detail.back')}</Button>
            {!missing && <Button onClick={() => void customer.refetch()}>{t('common:states.retry')}</Button>}
          </Space>
        }
      />
    );
  }
  const c = customer.data;
  const canWrite = can('customers:write');
  const dash = (v: string | null) => v || '—';

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/customers">{t('detail.back')}</Link> }, { title: c.name }]} />
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {c.name}
            </Typography.Title>
            <Typography.Text type="secondary">{c.code}</Typography.Text>
            <TierTag tier={c.tier} />
            <MarketTag market={c.market} />
          </Space>
        }
        extra={
          canWrite && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common:actions.edit')}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'code', label: t('fields.code'), children: c.code },
            { key: 'kind', label: t('fields.kind'), children: t(`common:enums.customerKind.${c.kind}`) },
            { key: 'nameEn', label: t('fields.nameEn'), children: dash(c.nameEn) },
            { key: 'country', label: t('fields.country'), children: c.country },
            { key: 'province', label: t('fields.province'), children: dash(c.province) },
            { key: 'city', label: t('fields.city'), children: dash(c.city) },
            { key: 'address', label: t('fields.address'), children: dash(c.address), span: 'filled' },
            { key: 'market', label: t('fields.market'), children: t(`common:enums.market.${c.market}`) },
            { key: 'tier', label: t('fields.tier'), children: t(`common:enums.tier.${c.tier}`) },
            { key: 'createdAt', label: t('fields.createdAt'), children: dayjs(c.createdAt).format('YYYY-MM-DD HH:mm') },
            {
              key: 'notes',
              label: t('fields.notes'),
              span: 'filled',
              children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{dash(c.notes)}</Typography.Paragraph>,
            },
          ]}
        />
      </Card>
      <ContactsCard customer={c} canWrite={canWrite} />
      <UnitsCard customerId={c.id} canWrite={canWrite} />
      <CaseHistoryCard customerId={c.id} canCreate={can('cases:create')} />
      {editing && (
        <CustomerEditModal customer={c} open={editing} onClose={() => setEditing(false)} onConflict={() => void customer.refetch()} />
      )}
    </Flex>
  );
}
