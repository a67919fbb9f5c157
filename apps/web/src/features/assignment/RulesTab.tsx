import { PlusOutlined } from '@ant-design/icons';
import type { AssignmentRuleView } from '@closeloop/domain';
import { Alert, App, Button, Flex, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { departmentName, useDepartments, useUsers } from '../admin/api.ts';
import { ConditionTags } from '../sla/ConditionTags.tsx';
import { OrderedRowActions } from '../sla/OrderedRowActions.tsx';
import { moved } from '../sla/order.ts';
import { useAssignmentRules, useDeleteAssignmentRule, useReorderAssignmentRules, useSaveAssignmentRule } from './api.ts';
import { useCustomerNames } from './CustomerMultiSelect.tsx';
import { RuleDrawer } from './RuleDrawer.tsx';

/** 分派规则: the ordered rules that give a new case its department and owner; the first matching active rule wins. */
export function RulesTab() {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const { message } = App.useApp();
  const { describe, report } = useApiProblem();
  const rules = useAssignmentRules();
  const users = useUsers();
  const departments = useDepartments();
  const save = useSaveAssignmentRule();
  const remove = useDeleteAssignmentRule();
  const reorder = useReorderAssignmentRules();
  const [editing, setEditing] = useState<AssignmentRuleView | 'new' | null>(null);
  const list = rules.data ?? [];
  const userName = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.displayName])), [users.data]);
  const customerIds = useMemo(() => [...new Set(list.flatMap((r) => r.conditions.customerIds ?? []))], [list]);
  const customers = useCustomerNames(customerIds);

  const move = (index: number, by: -1 | 1) => reorder.mutate(moved(list, index, by), { onError: (e) => report(e) });
  const toggle = async (r: AssignmentRuleView, isActive: boolean) => {
    try {
      await save.mutateAsync({ id: r.id, body: { version: r.version, isActive } });
      void message.success(isActive ? t('policies.activated', { name: r.name }) : t('policies.deactivated', { name: r.name }));
    } catch (e) {
      report(e);
    }
  };
  const doDelete = async (r: AssignmentRuleView) => {
    try {
      await remove.mutateAsync(r.id);
      void message.success(t('rules.deleted', { name: r.name }));
    } catch (e) {
      report(e);
    }
  };

  const columns: ColumnsType<AssignmentRuleView> = [
    { key: 'order', title: t('order'), width: 56, align: 'center', render: (_, _r, i) => i + 1 },
    {
      key: 'name',
      title: t('rules.name'),
      dataIndex: 'name',
      width: 160,
      render: (name: string, r) => (
        <Typography.Text strong={r.isActive} type={r.isActive ? undefined : 'secondary'}>
          {name}
        </Typography.Text>
      ),
    },
    {
      key: 'conditions',
      title: t('policies.conditions'),
      render: (_, r) => <ConditionTags conditions={r.conditions} customerName={(id) => customers.get(id) ?? `#${id.slice(0, 8)}`} />,
    },
    {
      key: 'department',
      title: t('rules.department'),
      width: 120,
      render: (_, r) =>
        departmentName(
          departments.data?.find((d) => d.id === r.departmentId),
          i18n.language,
        ) || '—',
    },
    { key: 'strategy', title: t('rules.strategy'), width: 130, render: (_, r) => t(`common:enums.assignmentStrategy.${r.strategy}`) },
    {
      key: 'people',
      title: t('rules.people'),
      width: 160,
      ellipsis: true,
      render: (_, r) =>
        r.userIds.length
          ? r.userIds.map((id) => userName.get(id) ?? `#${id.slice(0, 8)}`).join(i18n.language === 'zh-CN' ? '、' : ', ')
          : '—',
    },
    {
      key: 'active',
      title: t('policies.isActive'),
      width: 72,
      render: (_, r) => (
        <Switch
          size="small"
          checked={r.isActive}
          aria-label={t('policies.activeSwitch', { name: r.name })}
          onChange={(v) => void toggle(r, v)}
        />
      ),
    },
    {
      key: 'actions',
      title: t('actions'),
      width: 150,
      fixed: 'right',
      render: (_, r, i) => (
        <OrderedRowActions
          name={r.name}
          index={i}
          count={list.length}
          busy={reorder.isPending}
          deleteTitle={t('rules.deleteTitle', { name: r.name })}
          onMove={(by) => move(i, by)}
          onEdit={() => setEditing(r)}
          onDelete={() => doDelete(r)}
        />
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={{ maxWidth: 720 }}>
          {t('rules.intro')}
        </Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('rules.create')}
        </Button>
      </Flex>
      {rules.isError && (
        <Alert
          type="error"
          showIcon
          title={describe(rules.error)}
          action={<Button onClick={() => void rules.refetch()}>{t('common:states.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<AssignmentRuleView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list}
        loading={rules.isFetching}
        scroll={{ x: 980 }}
        pagination={false}
        locale={{ emptyText: rules.isPending ? t('common:states.loading') : t('rules.empty') }}
      />
      {editing && <RuleDrawer rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
