import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { APPROVAL_AUTHORITY, APPROVAL_KINDS } from '@closeloop/domain';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Select, Skeleton, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { type Role, useRoles } from '../../admin/api.ts';
import { type ApprovalBand, type ApprovalKind, type ApprovalRule, useApprovalRules, useSaveApprovalRules } from '../api.ts';
import { useMoney } from '../format.tsx';

/** One band as edited: its upper limit (null = no limit; only the last) and the role that approves up to it. */
interface Row {
  key: number;
  maxAmount: number | null;
  roleCode: string | undefined;
}

let nextKey = 1;
const rowsOf = (rules: readonly ApprovalRule[]): Row[] =>
  [...rules].sort((a, b) => a.minAmount - b.minAmount).map((r) => ({ key: nextKey++, maxAmount: r.maxAmount, roleCode: r.roleCode }));

/** The bands to save: contiguous from 0, each starting where the one before ends, the last open-ended. */
export function bandsOf(kind: ApprovalKind, rows: readonly Row[]): ApprovalBand[] {
  return rows.map((r, i) => ({
    kind,
    minAmount: i === 0 ? 0 : (rows[i - 1]?.maxAmount ?? 0),
    maxAmount: i === rows.length - 1 ? null : r.maxAmount,
    roleCode: r.roleCode ?? '',
  }));
}

/** What is wrong with the rows, by row index; empty when they can be saved. */
export function bandProblems(rows: readonly Row[]): Record<number, 'max' | 'role'> {
  const out: Record<number, 'max' | 'role'> = {};
  rows.forEach((r, i) => {
    const min = i === 0 ? 0 : (rows[i - 1]?.maxAmount ?? 0);
    if (i < rows.length - 1 && (r.maxAmount === null || r.maxAmount <= min)) out[i] = 'max';
    else if (!r.roleCode) out[i] = 'role';
  });
  return out;
}

/**
 * The amount bands of one kind of spending: up to ¥X the manager approves, up to ¥Y the deputy GM,
 * above that the GM. Bands are contiguous from 0; the last has no upper limit.
 */
export function ApprovalBandsEditor({
  kind,
  rules,
  roles,
  saving,
  onSave,
}: {
  kind: ApprovalKind;
  rules: readonly ApprovalRule[];
  roles: readonly Role[];
  saving?: boolean;
  onSave: (bands: ApprovalBand[]) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation(['dispositions', 'common']);
  const money = useMoney();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(rules));
  const [dirty, setDirty] = useState(false);
  const [showProblems, setShowProblems] = useState(false);

  useEffect(() => {
    setRows(rowsOf(rules));
    setDirty(false);
  }, [rules]);

  const problems = bandProblems(rows);
  const change = (next: Row[]) => {
    setRows(next);
    setDirty(true);
  };
  const set = (i: number, patch: Partial<Row>) => change(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => {
    const last = rows.at(-1);
    const lastMin = rows.length > 1 ? (rows.at(-2)?.maxAmount ?? 0) : 0;
    // The open band gets an upper limit; a new open band follows it.
    const head = rows.slice(0, -1);
    const closed = last ? [{ ...last, maxAmount: last.maxAmount ?? (lastMin > 0 ? lastMin * 10 : 10_000) }] : [];
    change([...head, ...closed, { key: nextKey++, maxAmount: null, roleCode: last?.roleCode }]);
  };
  const remove = (i: number) => {
    const next = rows.filter((_, j) => j !== i);
    change(next.map((r, j) => (j === next.length - 1 ? { ...r, maxAmount: null } : r)));
  };

  const roleOptions = useMemo(() => {
    const ladder = APPROVAL_AUTHORITY as readonly string[];
    const ordered = [...roles].sort((a, b) => {
      const ia = ladder.indexOf(a.code);
      const ib = ladder.indexOf(b.code);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
    return ordered.map((r) => ({ value: r.code, label: i18n.language === 'zh-CN' ? r.nameZh : r.nameEn }));
  }, [roles, i18n.language]);

  const save = async () => {
    if (Object.keys(problems).length) {
      setShowProblems(true);
      return;
    }
    setShowProblems(false);
    if (await onSave(bandsOf(kind, rows))) setDirty(false);
  };

  const kindLabel = t(`common:enums.approvalKind.${kind}`);
  return (
    <Card
      size="small"
      title={kindLabel}
      data-testid={`approval-${kind}`}
      extra={
        <Flex gap={8}>
          {dirty && (
            <Button
              size="small"
              onClick={() => {
                setRows(rowsOf(rules));
                setDirty(false);
                setShowProblems(false);
              }}
            >
              {t('common:actions.reset')}
            </Button>
          )}
          <Button size="small" type="primary" onClick={save} loading={saving} disabled={!dirty}>
            {t('common:actions.save')}
          </Button>
        </Flex>
      }
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matrix.noBands')}>
          <Button icon={<PlusOutlined />} onClick={() => change([{ key: nextKey++, maxAmount: null, roleCode: 'manager' }])}>
            {t('matrix.setUp')}
          </Button>
        </Empty>
      ) : (
        <>
          <Table<Row>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                key: 'from',
                title: t('matrix.above'),
                width: 130,
                render: (_, _r, i) => money(i === 0 ? 0 : (rows[i - 1]?.maxAmount ?? 0)),
              },
              {
                key: 'to',
                title: t('matrix.upTo'),
                width: 180,
                render: (_, r, i) =>
                  i === rows.length - 1 ? (
                    <Typography.Text type="secondary">{t('matrix.noLimit')}</Typography.Text>
                  ) : (
                    <InputNumber
                      value={r.maxAmount}
                      min={0}
                      max={100_000_000}
                      precision={2}
                      prefix="¥"
                      status={showProblems && problems[i] === 'max' ? 'error' : undefined}
                      aria-label={t('matrix.upToOf', { kind: kindLabel, n: i + 1 })}
                      onChange={(v) => set(i, { maxAmount: v })}
                      style={{ width: '100%' }}
                    />
                  ),
              },
              {
                key: 'role',
                title: t('matrix.role'),
                render: (_, r, i) => (
                  <Select
                    value={r.roleCode}
                    options={roleOptions}
                    status={showProblems && problems[i] === 'role' ? 'error' : undefined}
                    aria-label={t('matrix.roleOf', { kind: kindLabel, n: i + 1 })}
                    onChange={(v: string) => set(i, { roleCode: v })}
                    style={{ width: '100%', minWidth: 140 }}
                  />
                ),
              },
              {
                key: 'remove',
                width: 48,
                render: (_, _r, i) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={rows.length === 1}
                    aria-label={t('matrix.removeBand', { kind: kindLabel, n: i + 1 })}
                    onClick={() => remove(i)}
                  />
                ),
              },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} onClick={add} style={{ marginTop: 8 }}>
            {t('matrix.addBand')}
          </Button>
          {showProblems && Object.keys(problems).length > 0 && (
            <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('matrix.invalid')} />
          )}
        </>
      )}
    </Card>
  );
}

/** 核决权限: per kind of spending, which role approves which amounts. */
export function ApprovalMatrixTab() {
  const { t } = useTranslation(['dispositions', 'common']);
  const { message } = App.useApp();
  const { describe } = useApiProblem();
  const rules = useApprovalRules();
  const roles = useRoles();
  const save = useSaveApprovalRules();
  const [savingKind, setSavingKind] = useState<ApprovalKind | null>(null);
  const byKind = useMemo(
    () =>
      Object.fromEntries(APPROVAL_KINDS.map((k) => [k, (rules.data ?? []).filter((r) => r.kind === k)])) as Record<
        ApprovalKind,
        ApprovalRule[]
      >,
    [rules.data],
  );

  const onSave = (kind: ApprovalKind) => async (bands: ApprovalBand[]) => {
    setSavingKind(kind);
    try {
      await save.mutateAsync({ kind, bands });
      void message.success(t('matrix.saved', { kind: t(`common:enums.approvalKind.${kind}`) }));
      return true;
    } catch (e) {
      const fields = e instanceof ApiError ? (e.problem.errors ?? []).map((x) => `${x.field}: ${x.message}`).join('; ') : '';
      void message.error(fields ? `${describe(e)} (${fields})` : describe(e), 6);
      return false;
    } finally {
      setSavingKind(null);
    }
  };

  if (rules.isPending) return <Skeleton active />;
  if (rules.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={describe(rules.error)}
        action={<Button onClick={() => void rules.refetch()}>{t('common:states.retry')}</Button>}
      />
    );

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary" style={{ maxWidth: 760 }}>
        {t('matrix.intro')}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(440px, 1fr))', gap: 16 }}>
        {APPROVAL_KINDS.map((k) => (
          <ApprovalBandsEditor key={k} kind={k} rules={byKind[k]} roles={roles.data ?? []} saving={savingKind === k} onSave={onSave(k)} />
        ))}
      </div>
    </Flex>
  );
}
