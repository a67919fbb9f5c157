import { PlusOutlined } from '@ant-design/icons';
import { CUSTOMER_TIERS, type CustomerView, MARKETS } from '@closeloop/domain';
import { Alert, Button, Card, Flex, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useSession } from '../auth/session.tsx';
import { useCustomers } from './api.ts';
import { CustomerCreateModal } from './CustomerCreateModal.tsx';
import { locationOf, MarketTag, TierTag } from './tags.tsx';

type Tier = (typeof CUSTOMER_TIERS)[number];
type Market = (typeof MARKETS)[number];

/** 客户档案: search, filter and page through customers; create one. Filters live in the address. */
export default function CustomerListPage() {
  const { t } = useTranslation(['customers', 'common']);
  const { can } = useSession();
  const navigate = useNavigate();
  const { describe } = useApiProblem();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);

  const q = params.get('q') ?? '';
  const tier = (params.get('tier')?.split(',').filter(Boolean) ?? []) as Tier[];
  const market = (params.get('market') || undefined) as Market | undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;

  const list = useCustomers({ q: q || undefined, tier, market, page, pageSize });

  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<CustomerView> = [
    { title: t('fields.code'), dataIndex: 'code', width: 100 },
    {
      title: t('fields.name'),
      key: 'name',
      minWidth: 220,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/customers/${c.id}`}>{c.name}</Link>
          {c.nameEn && <Typography.Text type="secondary">{c.nameEn}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('fields.kind'), dataIndex: 'kind', width: 90, render: (k: CustomerView['kind']) => t(`common:enums.customerKind.${k}`) },
    { title: t('fields.location'), key: 'location', width: 140, ellipsis: true, render: (_, c) => locationOf(c) },
    { title: t('fields.market'), dataIndex: 'market', width: 70, render: (m: Market) => <MarketTag market={m} /> },
    { title: t('fields.tier'), dataIndex: 'tier', width: 110, render: (v: Tier) => <TierTag tier={v} /> },
    {
      title: t('fields.primaryContact'),
      key: 'contact',
      width: 150,
      ellipsis: true,
      render: (_, c) => {
        const p = c.contacts.find((x) => x.isPrimary) ?? c.contacts[0];
        return p ? `${p.name}${p.phone ? ` ${p.phone}` : ''}` : '—';
      },
    },
    {
      title: t('fields.updatedAt'),
      dataIndex: 'updatedAt',
      width: 110,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD'),
    },
  ];

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('list.title')}
        </Typography.Title>
      }
      extra={
        can('customers:write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('list.create')}
          </Button>
        )
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          placeholder={t('list.searchPlaceholder')}
          aria-label={t('list.searchLabel')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 300 }}
          enterButton
        />
        <Select
          mode="multiple"
          allowClear
          aria-label={t('list.tierFilter')}
          placeholder={t('list.tierFilter')}
          value={tier}
          onChange={(v: Tier[]) => update({ tier: v.join(',') || undefined })}
          options={CUSTOMER_TIERS.map((k) => ({ value: k, label: t(`common:enums.tier.${k}`) }))}
          style={{ minWidth: 200 }}
          maxTagCount="responsive"
        />
        <Select
          allowClear
          aria-label={t('list.marketFilter')}
          placeholder={t('list.marketFilter')}
          value={market}
          onChange={(v?: Market) => update({ market: v })}
          options={MARKETS.map((k) => ({ value: k, label: t(`common:enums.market.${k}`) }))}
          style={{ width: 130 }}
        />
      </Flex>
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={describe(list.error)}
          action={<Button onClick={() => void list.refetch()}>{t('common:states.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<CustomerView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 980 }}
        locale={{ emptyText: list.isPending ? t('common:states.loading') : t('list.empty') }}
        onRow={(c) => ({ onDoubleClick: () => navigate(`/customers/${c.id}`) })}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('list.total', { total }),
          onChange: (p, s) => update({ page: String(p), pageSize: String(s) }, false),
        }}
      />
      <CustomerCreateModal open={creating} onClose={() => setCreating(false)} onCreated={(c) => navigate(`/customers/${c.id}`)} />
    </Card>
  );
}
