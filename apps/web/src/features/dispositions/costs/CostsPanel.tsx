import { PlusOutlined } from '@ant-design/icons';
import type { CaseView, CostView } from '@closeloop/domain';
import { Alert, Button, Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentName, useDepartments } from '../../admin/api.ts';
import { ResponsibilityView } from '../../cases/detail/ResponsibilityFields.tsx';
import { useCaseCosts, useCaseDispositions } from '../api.ts';
import { dispositionProblem, useMoney } from '../format.tsx';
import { AddCostDialog, RecoveryDialog } from './CostDialogs.tsx';

/**
 * 费用: the responsibility decision costs follow, the case's costs (parts, labour, travel, freight,
 * compensation, scrap) with who bears them, recoveries from suppliers and carriers, and the totals.
 */
export function CostsPanel({
  c,
  caseKey,
  canRead,
  canWrite,
  canDecide,
  onDecide,
}: {
  c: CaseView;
  caseKey: string;
  /** `costs:read`: without it the panel records costs and the responsibility decision but shows no amounts. */
  canRead: boolean;
  canWrite: boolean;
  canDecide: boolean;
  onDecide: () => void;
}) {
  const { t, i18n } = useTranslation(['dispositions', 'cases', 'common']);
  const money = useMoney();
  const costs = useCaseCosts(caseKey, canRead);
  const dispositions = useCaseDispositions(caseKey);
  const departments = useDepartments();
  const [adding, setAdding] = useState(false);
  const [recovering, setRecovering] = useState<CostView | null>(null);
  const numberOf = (id: string | null) => dispositions.data?.find((d) => d.id === id)?.number;
  const data = costs.data;

  const bearerText = (k: CostView) =>
    k.bearer === 'department'
      ? departmentName(
          departments.data?.find((d) => d.id === k.departmentId),
          i18n.language,
        ) || t('common:enums.costBearer.department')
      : k.externalParty
        ? `${t(`common:enums.costBearer.${k.bearer}`)} · ${k.externalParty}`
        : t(`common:enums.costBearer.${k.bearer}`);

  const columns: ColumnsType<CostView> = [
    { key: 'incurredOn', title: t('costs.incurredOn'), dataIndex: 'incurredOn', width: 110 },
    { key: 'category', title: t('costs.category'), width: 90, render: (_, k) => t(`common:enums.costCategory.${k.category}`) },
    {
      key: 'description',
      title: t('costs.description'),
      dataIndex: 'description',
      width: 180,
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '—',
    },
    { key: 'disposition', title: t('costs.disposition'), width: 130, render: (_, k) => numberOf(k.dispositionId) ?? '—' },
    { key: 'bearer', title: t('costs.bearer'), width: 170, ellipsis: true, render: (_, k) => bearerText(k) },
    { key: 'amount', title: t('costs.amount'), width: 120, align: 'right', render: (_, k) => money(k.amount) },
    {
      key: 'recovered',
      title: t('costs.recovered'),
      width: 120,
      align: 'right',
      render: (_, k) => (k.bearer === 'department' ? '—' : money(k.recoveredAmount)),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('costs.actions'),
            width: 110,
            render: (_: unknown, k: CostView) =>
              k.bearer === 'department' ? null : (
                <Button size="small" type="link" onClick={() => setRecovering(k)} aria-label={t('costs.recoverFor', { id: k.id })}>
                  {t('costs.recover')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const breakdown = (title: string, entries: [string, number][], label: (k: string) => string) => (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {entries.length === 0 ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <Flex vertical gap={4}>
          {entries.map(([k, v]) => (
            <Flex key={k} justify="space-between">
              <span>{label(k)}</span>
              <Typography.Text strong>{money(v)}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('cases:dialog.responsibility')}
        extra={
          canDecide ? (
            <Button size="small" onClick={onDecide}>
              {c.responsibility ? t('costs.changeDecision') : t('costs.decide')}
            </Button>
          ) : null
        }
      >
        <ResponsibilityView r={c.responsibility} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('costs.bearerFollows')}
        </Typography.Text>
      </Card>
      {!canRead && (
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{t('costs.noRead')}</Typography.Text>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('costs.add')}
            </Button>
          )}
        </Flex>
      )}
      {canRead && (
        <>
          {costs.isError && (
            <Alert
              type="error"
              showIcon
              title={dispositionProblem(t, costs.error)}
              action={<Button onClick={() => costs.refetch()}>{t('common:states.retry')}</Button>}
            />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('costs.total')} value={money(data?.total ?? 0)} loading={costs.isPending} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('costs.recoveredTotal')} value={money(data?.recovered ?? 0)} loading={costs.isPending} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('costs.net')} value={money(data?.net ?? 0)} loading={costs.isPending} />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              {breakdown(t('costs.byCategory'), Object.entries(data?.byCategory ?? {}), (k) =>
                t(`common:enums.costCategory.${k as 'parts'}`, k),
              )}
            </Col>
            <Col xs={24} md={12}>
              {breakdown(t('costs.byBearer'), Object.entries(data?.byBearer ?? {}), (k) =>
                t(`common:enums.costBearer.${k as 'customer'}`, k),
              )}
            </Col>
          </Row>
          <Flex justify="space-between" align="center">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('costs.items')}
            </Typography.Title>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('costs.add')}
              </Button>
            )}
          </Flex>
          <Table<CostView>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={costs.isFetching}
            pagination={false}
            scroll={{ x: 980 }}
            locale={{ emptyText: costs.isPending ? t('common:states.loading') : t('costs.empty') }}
            summary={(rows) =>
              rows.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={5}>
                    <Typography.Text strong>{t('costs.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    <Typography.Text strong>{money(data?.total ?? 0)}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">
                    {money(data?.recovered ?? 0)}
                  </Table.Summary.Cell>
                  {canWrite && <Table.Summary.Cell index={7} />}
                </Table.Summary.Row>
              ) : null
            }
          />
        </>
      )}
      {adding && (
        <AddCostDialog
          caseKey={caseKey}
          dispositions={dispositions.data ?? []}
          party={c.responsibility?.party ?? null}
          onClose={() => setAdding(false)}
        />
      )}
      {recovering && <RecoveryDialog caseKey={caseKey} cost={recovering} onClose={() => setRecovering(null)} />}
    </Flex>
  );
}
