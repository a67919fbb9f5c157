import { PlusOutlined } from '@ant-design/icons';
import type { Permission } from '@closeloop/domain';
import { Alert, App, Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { type ApiToken, type NewApiToken, useApiTokens, useRevokeApiToken } from './api.ts';
import { CreateTokenModal } from './CreateTokenModal.tsx';
import { sortPermissions, usePermissionLabel } from './labels.ts';
import { TokenSecretModal } from './TokenSecretModal.tsx';

const stamp = (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm');

/** The signed-in user's API tokens: create (secret shown once), list, revoke. */
export function TokensTab() {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = App.useApp();
  const { describe, report } = useApiProblem();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const permissionLabel = usePermissionLabel();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<NewApiToken | null>(null);

  const doRevoke = async (tok: ApiToken) => {
    try {
      await revoke.mutateAsync(tok.id);
      void message.success(t('tokens.revokedMessage', { name: tok.name }));
    } catch (err) {
      report(err);
    }
  };

  const statusOf = (tok: ApiToken) =>
    tok.revokedAt ? (
      <Tag color="default">{t('tokens.revoked')}</Tag>
    ) : tok.expiresAt && dayjs(tok.expiresAt).isBefore(dayjs()) ? (
      <Tag color="warning">{t('tokens.expired')}</Tag>
    ) : (
      <Tag color="success">{t('tokens.active')}</Tag>
    );

  const columns: ColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name', width: 140, ellipsis: true },
    { title: t('tokens.prefix'), dataIndex: 'prefix', width: 140, render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      minWidth: 180,
      render: (ps: Permission[]) => (
        <Flex wrap gap={4}>
          {sortPermissions(ps).map((p) => (
            <Tag key={p} title={p}>
              {permissionLabel(p)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', width: 130, render: stamp },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 120,
      render: (v: string | null) => (v ? stamp(v) : <Typography.Text type="secondary">{t('tokens.neverUsed')}</Typography.Text>),
    },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', width: 130, render: (v: string | null) => (v ? stamp(v) : t('tokens.never')) },
    { title: t('tokens.status'), key: 'status', width: 80, render: (_, tok) => statusOf(tok) },
    {
      title: t('actions'),
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, tok) =>
        !tok.revokedAt && (
          <Popconfirm
            title={t('tokens.revokeTitle', { name: tok.name })}
            description={t('tokens.revokeDescription')}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common:actions.cancel')}
            onConfirm={() => doRevoke(tok)}
          >
            <Button type="link" danger size="small">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={{ maxWidth: 720 }}>
          {t('tokens.intro')}
        </Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      </Flex>
      {tokens.isError && (
        <Alert
          type="error"
          showIcon
          title={describe(tokens.error)}
          action={<Button onClick={() => void tokens.refetch()}>{t('common:states.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens.data ?? []}
        loading={tokens.isFetching}
        scroll={{ x: 980 }}
        locale={{ emptyText: tokens.isPending ? t('common:states.loading') : t('tokens.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      {creating && (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(tok) => {
            setCreating(false);
            setSecret(tok);
          }}
        />
      )}
      {secret && <TokenSecretModal token={secret} onClose={() => setSecret(null)} />}
    </>
  );
}
