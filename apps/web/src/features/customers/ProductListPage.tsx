import { PlusOutlined } from '@ant-design/icons';
import type { ProductView } from '@closeloop/domain';
import { Alert, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useSession } from '../auth/session.tsx';
import { useProductCategories, useProducts } from './api.ts';
import { ProductFormModal } from './ProductFormModal.tsx';
import { ProductUnitsDrawer } from './ProductUnitsDrawer.tsx';

/** 产品: the product catalogue with search and category filter; create and edit. */
export default function ProductListPage() {
  const { t } = useTranslation(['customers', 'common']);
  const { can } = useSession();
  const { describe } = useApiProblem();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<ProductView | 'new' | null>(null);
  const [unitsOf, setUnitsOf] = useState<ProductView | null>(null);

  const q = params.get('q') ?? '';
  const category = params.get('category') || undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const list = useProducts({ q: q || undefined, category, page, pageSize });
  const categories = useProductCategories();
  const canWrite = can('products:write');

  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<ProductView> = [
    { title: t('products.model'), dataIndex: 'model', width: 130, render: (m: string) => <Typography.Text strong>{m}</Typography.Text> },
    {
      title: t('products.name'),
      key: 'name',
      minWidth: 220,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          {p.name}
          {p.nameEn && <Typography.Text type="secondary">{p.nameEn}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('products.category'), dataIndex: 'category', width: 120 },
    { title: t('products.productLine'), dataIndex: 'productLine', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('products.warrantyMonths'),
      dataIndex: 'warrantyMonths',
      width: 120,
      render: (n: number) => t('products.months', { count: n }),
    },
    {
      title: t('products.status'),
      dataIndex: 'isActive',
      width: 90,
      render: (a: boolean) => (a ? <Tag color="success">{t('products.active')}</Tag> : <Tag>{t('products.inactive')}</Tag>),
    },
    {
      title: t('products.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, p) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setUnitsOf(p)}>
            {t('products.units')}
          </Button>
          {canWrite && (
            <Button type="link" size="small" onClick={() => setEditing(p)}>
              {t('common:actions.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('products.title')}
        </Typography.Title>
      }
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('products.create')}
          </Button>
        )
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          enterButton
          placeholder={t('products.searchPlaceholder')}
          aria-label={t('products.searchLabel')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 280 }}
        />
        <Select
          allowClear
          showSearch
          aria-label={t('products.categoryFilter')}
          placeholder={t('products.categoryFilter')}
          value={category}
          loading={categories.isPending}
          onChange={(v?: string) => update({ category: v })}
          options={(categories.data ?? []).map((c) => ({ value: c, label: c }))}
          style={{ width: 200 }}
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
      <Table<ProductView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 900 }}
        locale={{ emptyText: list.isPending ? t('common:states.loading') : t('products.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('products.total', { total }),
          onChange: (p, s) => update({ page: String(p), pageSize: String(s) }, false),
        }}
      />
      {editing && <ProductFormModal product={editing === 'new' ? null : editing} open onClose={() => setEditing(null)} />}
      <ProductUnitsDrawer product={unitsOf} onClose={() => setUnitsOf(null)} />
    </Card>
  );
}
