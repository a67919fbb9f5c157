import type { ProductView, UnitView } from '@closeloop/domain';
import { Drawer, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnits } from './api.ts';
import { useUnitColumns } from './UnitsCard.tsx';

/** The installed units of one product, with their customers and warranty state. */
export function ProductUnitsDrawer({ product, onClose }: { product: ProductView | null; onClose: () => void }) {
  const { t } = useTranslation(['customers', 'common']);
  const [page, setPage] = useState(1);
  const units = useUnits({ productId: product?.id, page, pageSize: 20 }, { enabled: Boolean(product) });
  const columns = useUnitColumns({ customer: true });

  return (
    <Drawer
      open={Boolean(product)}
      onClose={onClose}
      size={900}
      title={product ? t('products.unitsTitle', { model: product.model }) : ''}
      destroyOnHidden
      afterOpenChange={(open) => !open && setPage(1)}
    >
      <Table<UnitView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={units.data?.items ?? []}
        loading={units.isFetching}
        scroll={{ x: 760 }}
        locale={{ emptyText: units.isPending ? t('common:states.loading') : t('common:states.empty') }}
        pagination={{
          current: page,
          pageSize: 20,
          total: units.data?.total ?? 0,
          hideOnSinglePage: true,
          showTotal: (total) => t('units.total', { total }),
          onChange: setPage,
        }}
      />
    </Drawer>
  );
}
