import type { Permission } from '@closeloop/domain';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { type Role, useRoles } from './api.ts';
import { sortPermissions, useLocalName, usePermissionLabel } from './labels.ts';

/** Roles and their permissions, read-only (the API has no role editing yet). */
export function RolesTab() {
  const { t } = useTranslation(['admin', 'common']);
  const { describe } = useApiProblem();
  const roles = useRoles();
  const localName = useLocalName();
  const permissionLabel = usePermissionLabel();

  return (
    <>
      <Typography.Paragraph type="secondary">{t('roles.intro')}</Typography.Paragraph>
      {roles.isError && (
        <Alert
          type="error"
          showIcon
          title={describe(roles.error)}
          action={<Button onClick={() => void roles.refetch()}>{t('common:states.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<Role>
        rowKey="id"
        size="middle"
        dataSource={roles.data ?? []}
        loading={roles.isFetching}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: roles.isPending ? t('common:states.loading') : t('common:states.empty') }}
        columns={[
          {
            title: t('roles.name'),
            key: 'name',
            width: 170,
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text strong>{localName(r)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.code}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('roles.kind'),
            dataIndex: 'isSystem',
            width: 100,
            render: (s: boolean) => (s ? <Tag color="geekblue">{t('roles.system')}</Tag> : <Tag>{t('roles.custom')}</Tag>),
          },
          {
            title: t('roles.permissions'),
            dataIndex: 'permissions',
            render: (ps: Permission[]) => (
              <Flex wrap gap={4}>
                {sortPermissions(ps).map((p) => (
                  <Tag
                    key={p}
                    title={p}
                    color={p.startsWith('cases') ? 'blue' : p.startsWith('customers') || p.startsWith('products') ? 'green' : 'purple'}
                  >
                    {permissionLabel(p)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </>
  );
}
