import { PlusOutlined } from '@ant-design/icons';
import type { UserView } from '@closeloop/domain';
import { Alert, Button, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useSession } from '../auth/session.tsx';
import { useDepartments, useRoles, useUsers } from './api.ts';
import { useLocalName } from './labels.ts';
import { UserModal } from './UserModal.tsx';

/** Users with their roles and department; 新建用户 for those who manage users. */
export function UsersTab() {
  const { t } = useTranslation(['admin', 'common']);
  const { can } = useSession();
  const { describe } = useApiProblem();
  const users = useUsers();
  const departments = useDepartments();
  const roles = useRoles();
  const localName = useLocalName();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const canManage = can('users:manage');

  const deptById = useMemo(() => new Map((departments.data ?? []).map((d) => [d.id, d])), [departments.data]);
  const roleByCode = useMemo(() => new Map((roles.data ?? []).map((r) => [r.code, r])), [roles.data]);
  const needle = q.trim().toLowerCase();
  const shown = (users.data ?? []).filter(
    (u) => !needle || [u.login, u.displayName, u.email ?? ''].some((s) => s.toLowerCase().includes(needle)),
  );

  const columns: ColumnsType<UserView> = [
    { title: t('users.login'), dataIndex: 'login', width: 110, sorter: (a, b) => a.login.localeCompare(b.login) },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    { title: t('users.email'), dataIndex: 'email', minWidth: 170, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('users.department'),
      dataIndex: 'departmentId',
      width: 130,
      render: (id: string | null) => {
        const d = id ? deptById.get(id) : undefined;
        return d ? localName(d) : <Typography.Text type="secondary">{t('users.noDepartment')}</Typography.Text>;
      },
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (codes: string[]) =>
        codes.map((c) => {
          const r = roleByCode.get(c);
          return (
            <Tag key={c} color={c === 'administrator' ? 'red' : 'blue'}>
              {r ? localName(r) : c}
            </Tag>
          );
        }),
    },
    {
      title: t('users.locale'),
      dataIndex: 'locale',
      width: 110,
      render: (l: UserView['locale']) => (l === 'zh-CN' ? t('languages.zhCN') : t('languages.enUS')),
    },
    {
      title: t('users.status'),
      dataIndex: 'isActive',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="success">{t('status.active')}</Tag> : <Tag>{t('status.inactive')}</Tag>),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
    ...(canManage
      ? [
          {
            title: t('actions'),
            key: 'actions',
            width: 70,
            fixed: 'right' as const,
            render: (_: unknown, u: UserView) => (
              <Button type="link" size="small" onClick={() => setEditing(u)}>
                {t('common:actions.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchLabel')}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 280 }}
        />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('users.create')}
          </Button>
        )}
      </Flex>
      {users.isError && (
        <Alert
          type="error"
          showIcon
          title={describe(users.error)}
          action={<Button onClick={() => void users.refetch()}>{t('common:states.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<UserView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={shown}
        loading={users.isFetching}
        scroll={{ x: 940 }}
        locale={{ emptyText: users.isPending ? t('common:states.loading') : t('users.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('users.total', { total }) }}
      />
      {editing && (
        <UserModal
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          departments={departments.data ?? []}
          roles={roles.data ?? []}
        />
      )}
    </>
  );
}
