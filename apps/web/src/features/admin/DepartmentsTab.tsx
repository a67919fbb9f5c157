import { PlusOutlined } from '@ant-design/icons';
import type { DepartmentView } from '@closeloop/domain';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useSession } from '../auth/session.tsx';
import { useDepartments, useUsers } from './api.ts';
import { DepartmentModal } from './DepartmentModal.tsx';

/** Departments (the nine defaults of the procedure and any added); create and edit for those who manage them. */
export function DepartmentsTab() {
  const { t } = useTranslation(['admin', 'common']);
  const { can } = useSession();
  const { describe } = useApiProblem();
  const departments = useDepartments();
  const users = useUsers();
  const [editing, setEditing] = useState<DepartmentView | 'new' | null>(null);
  const canManage = can('departments:manage');
  const userById = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u])), [users.data]);

  const columns: ColumnsType<DepartmentView> = [
    { title: t('departments.code'), dataIndex: 'code', width: 140, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: t('departments.nameZh'), dataIndex: 'nameZh' },
    { title: t('departments.nameEn'), dataIndex: 'nameEn' },
    {
      title: t('departments.head'),
      dataIndex: 'headUserId',
      render: (id: string | null) =>
        (id && userById.get(id)?.displayName) ?? <Typography.Text type="secondary">{t('departments.noHead')}</Typography.Text>,
    },
    {
      title: t('departments.status'),
      dataIndex: 'isActive',
      width: 90,
      render: (a: boolean) => (a ? <Tag color="success">{t('status.active')}</Tag> : <Tag>{t('status.inactive')}</Tag>),
    },
    ...(canManage
      ? [
          {
            title: t('actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, d: DepartmentView) => (
              <Button type="link" size="small" onClick={() => setEditing(d)}>
                {t('common:actions.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {canManage && (
        <Flex justify="flex-end" style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('departments.create')}
          </Button>
        </Flex>
      )}
      {departments.isError && (
        <Alert
          type="error"
          showIcon
          title={describe(departments.error)}
          action={<Button onClick={() => void departments.refetch()}>{t('common:states.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<DepartmentView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={departments.data ?? []}
        loading={departments.isFetching}
        scroll={{ x: 720 }}
        locale={{ emptyText: departments.isPending ? t('common:states.loading') : t('common:states.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('departments.total', { total }) }}
      />
      {editing && (
        <DepartmentModal department={editing === 'new' ? null : editing} users={users.data ?? []} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
