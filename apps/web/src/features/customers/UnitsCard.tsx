import { PlusOutlined } from '@ant-design/icons';
import type { UnitView } from '@closeloop/domain';
import { Alert, Button, Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useUnits } from './api.ts';
import { RegisterUnitModal } from './RegisterUnitModal.tsx';
import { WarrantyTag } from './tags.tsx';

/** Units columns shared by the customer page and the product's units drawer. */
export function useUnitColumns(show: { product?: boolean; customer?: boolean }): ColumnsType<UnitView> {
  const { t } = useTranslation(['customers', 'common']);
  const dash = (v: string | null) => v ?? '—';
  return [
    { title: t('units.serial'), dataIndex: 'serial' },
    ...(show.product ? [{ title: t('units.product'), dataIndex: 'productModel' }] : []),
    ...(show.customer ? [{ title: t('units.customer'), dataIndex: 'customerName', render: dash }] : []),
    { title: t('units.batch'), dataIndex: 'batch', render: dash },
    { title: t('units.shipDate'), dataIndex: 'shipDate', render: dash },
    { title: t('units.installDate'), dataIndex: 'installDate', render: dash },
    { title: t('units.warrantyEnd'), dataIndex: 'warrantyEnd', render: dash },
    { title: t('units.warranty'), key: 'warranty', render: (_, u) => <WarrantyTag unit={u} /> },
  ];
}

/** 已装设备 of a customer, with 登记设备. */
export function UnitsCard({ customerId, canWrite }: { customerId: string; canWrite: boolean }) {
  const { t } = useTranslation(['customers', 'common']);
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const units = useUnits({ customerId, page, pageSize: 10 });
  const columns = useUnitColumns({ product: true });
  const { describe } = useApiProblem();

  return (
    <Card
      title={t('detail.units')}
      extra={
        canWrite && (
          <Button icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            {t('units.register')}
          </Button>
        )
      }
    >
      {units.isError && <Alert type="error" showIcon title={describe(units.error)} style={{ marginBottom: 12 }} />}
      <Table<UnitView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={units.data?.items ?? []}
        loading={units.isFetching}
        scroll={{ x: 760 }}
        locale={{ emptyText: units.isPending ? t('common:states.loading') : t('units.empty') }}
        pagination={{
          current: page,
          pageSize: 10,
          total: units.data?.total ?? 0,
          hideOnSinglePage: true,
          showTotal: (total) => t('units.total', { total }),
          onChange: setPage,
        }}
      />
      <RegisterUnitModal customerId={customerId} open={registering} onClose={() => setRegistering(false)} />
    </Card>
  );
}
