import { PlusOutlined } from '@ant-design/icons';
import { CLOCK_KINDS, type SlaPolicyView } from '@closeloop/domain';
import { Alert, App, Button, Flex, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useCalendars, useDeleteSlaPolicy, useReorderSlaPolicies, useSaveSlaPolicy, useSlaPolicies } from '../api.ts';
import { ConditionTags } from '../ConditionTags.tsx';
import { OrderedRowActions } from '../OrderedRowActions.tsx';
import { moved } from '../order.ts';
import { PolicyDrawer } from './PolicyDrawer.tsx';

/** 时限策略: the ordered policies; a case follows the first active one whose conditions all match. */
export function PoliciesTab() {
  const { t } = useTranslation(['sla', 'common']);
  const { message } = App.useApp();
  const { describe, report } = useApiProblem();
  const policies = useSlaPolicies();
  const calendars = useCalendars();
  const save = useSaveSlaPolicy();
  const remove = useDeleteSlaPolicy();
  const reorder = useReorderSlaPolicies();
  const [editing, setEditing] = useState<SlaPolicyView | 'new' | null>(null);
  const calendarName = useMemo(() => new Map((calendars.data ?? []).map((c) => [c.id, c.name])), [calendars.data]);
  const list = policies.data ?? [];

  const move = (index: number, by: -1 | 1) => reorder.mutate(moved(list, index, by), { onError: (e) => report(e) });
  const toggle = async (p: SlaPolicyView, isActive: boolean) => {
    try {
      await save.mutateAsync({ id: p.id, body: { version: p.version, isActive } });
      void message.success(isActive ? t('policies.activated', { name: p.name }) : t('policies.deactivated', { name: p.name }));
    } catch (e) {
      report(e);
    }
  };
  const doDelete = async (p: SlaPolicyView) => {
    try {
      await remove.mutateAsync(p.id);
      void message.success(t('policies.deleted', { name: p.name }));
    } catch (e) {
      report(e);
    }
  };

  const columns: ColumnsType<SlaPolicyView> = [
    { key: 'order', title: t('order'), width: 56, align: 'center', render: (_, _p, i) => i + 1 },
    {
      key: 'name',
      title: t('policies.name'),
      dataIndex: 'name',
      width: 150,
      render: (name: string, p) => (
        <Typography.Text strong={p.isActive} type={p.isActive ? undefined : 'secondary'}>
          {name}
        </Typography.Text>
      ),
    },
    { key: 'conditions', title: t('policies.conditions'), width: 170, render: (_, p) => <ConditionTags conditions={p.conditions} /> },
    {
      key: 'targets',
      title: t('policies.targets'),
      width: 200,
      render: (_, p) => (
        <Flex vertical>
          {CLOCK_KINDS.filter((k) => p.targets[k]).map((k) => (
            <Typography.Text key={k}>
              <Typography.Text type="secondary">{t(`common:enums.clockKind.${k}`)}</Typography.Text>{' '}
              <span style={{ whiteSpace: 'nowrap' }}>
                {t('policies.amountUnit', {
                  amount: p.targets[k]?.amount,
                  unit: t(`common:enums.targetUnit.${p.targets[k]?.unit ?? 'working_hours'}`),
                })}
              </span>
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      key: 'calendar',
      title: t('policies.calendar'),
      width: 110,
      ellipsis: true,
      render: (_, p) => calendarName.get(p.calendarId) ?? '—',
    },
    {
      key: 'escalation',
      title: t('policies.escalation'),
      width: 90,
      render: (_, p) =>
        p.escalation.steps.length ? (
          <Tag>{t('policies.stepCount', { count: p.escalation.steps.length })}</Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'active',
      title: t('policies.isActive'),
      width: 72,
      render: (_, p) => (
        <Switch
          size="small"
          checked={p.isActive}
          aria-label={t('policies.activeSwitch', { name: p.name })}
          onChange={(v) => void toggle(p, v)}
        />
      ),
    },
    {
      key: 'actions',
      title: t('actions'),
      width: 150,
      fixed: 'right',
      render: (_, p, i) => (
        <OrderedRowActions
          name={p.name}
          index={i}
          count={list.length}
          busy={reorder.isPending}
          deleteTitle={t('policies.deleteTitle', { name: p.name })}
          deleteDescription={t('policies.deleteDescription')}
          onMove={(by) => move(i, by)}
          onEdit={() => setEditing(p)}
          onDelete={() => doDelete(p)}
        />
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={{ maxWidth: 720 }}>
          {t('policies.intro')}
        </Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('policies.create')}
        </Button>
      </Flex>
      {policies.isError && (
        <Alert
          type="error"
          showIcon
          title={describe(policies.error)}
          action={<Button onClick={() => void policies.refetch()}>{t('common:states.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<SlaPolicyView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list}
        loading={policies.isFetching}
        scroll={{ x: 1000 }}
        pagination={false}
        locale={{ emptyText: policies.isPending ? t('common:states.loading') : t('policies.empty') }}
      />
      {editing && <PolicyDrawer policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
