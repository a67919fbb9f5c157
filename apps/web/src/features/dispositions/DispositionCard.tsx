import { FilePdfOutlined, MobileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { type DispositionAction, type DispositionView, WarrantyEvaluation } from '@closeloop/domain';
import { Button, Card, Flex, Popover, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatInstant } from '../cases/detail/format.ts';
import { DispositionActionDialog } from './ActionDialog.tsx';
import { memoUrl } from './api.ts';
import { DetailsView } from './DetailsView.tsx';
import { DispositionStatusTag, useMoney, useRoleName } from './format.tsx';
import { WarrantyLines } from './WarrantyPanel.tsx';

/** The order buttons appear in: the next step first, then recording, the customer's answer, cancelling. */
export const ACTION_ORDER: readonly DispositionAction[] = [
  'submit',
  'approve',
  'refuse',
  'start',
  'complete',
  'update',
  'customer_accept',
  'customer_refuse',
  'cancel',
];
const PRIMARY = new Set<DispositionAction>(['submit', 'approve', 'start', 'complete']);
const DANGER = new Set<DispositionAction>(['refuse', 'cancel', 'customer_refuse']);
const DECISION_COLORS = { pending: 'default', accepted: 'green', refused: 'red' } as const;
const APPROVAL_COLORS = { pending: 'gold', approved: 'green', refused: 'red', superseded: 'default' } as const;

/**
 * One disposition: number, kind, status, the customer's decision, approval with the role it needs,
 * the kind's facts, its costs, and a button for each action the server allows now.
 */
export function DispositionCard({ d }: { d: DispositionView }) {
  const { t } = useTranslation(['dispositions', 'common']);
  const money = useMoney();
  const roleName = useRoleName();
  const navigate = useNavigate();
  const [action, setAction] = useState<DispositionAction | null>(null);
  const actions = ACTION_ORDER.filter((a) => d.allowedActions.includes(a));
  const warranty = WarrantyEvaluation.safeParse(d.warranty);
  const approval = d.approvals.at(-1);

  return (
    <Card
      size="small"
      data-testid={`disposition-${d.number}`}
      title={
        <Flex gap={8} wrap align="center">
          <Typography.Text strong>{d.number}</Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{t(`common:enums.dispositionKind.${d.kind}`)}</Tag>
          <DispositionStatusTag status={d.status} />
        </Flex>
      }
      extra={
        (d.costTotal ?? 0) > 0 ? (
          <Typography.Text type="secondary">{t('card.costTotal', { amount: money(d.costTotal ?? 0) })}</Typography.Text>
        ) : null
      }
    >
      <Flex vertical gap={8}>
        <Flex gap={6} wrap align="center">
          {d.kind !== 'explanation' && (
            <Tag color={DECISION_COLORS[d.customerDecision]}>{t(`common:enums.customerDecision.${d.customerDecision}`)}</Tag>
          )}
          {d.amount !== null && (
            <Tag>
              {d.approvalKind ? `${t(`common:enums.approvalKind.${d.approvalKind}`)} ` : ''}
              {money(d.amount)}
            </Tag>
          )}
          {d.requiresApproval && !approval && <Tag color="gold">{t('card.approvalNeeded')}</Tag>}
          {approval && (
            <Tag color={APPROVAL_COLORS[approval.status]} data-testid="approval-status">
              {t('card.approval', {
                role: roleName(approval.requiredRole),
                status: t(`common:enums.approvalStatus.${approval.status}`),
              })}
            </Tag>
          )}
          {warranty.success && (
            <Popover
              title={t('warranty.title')}
              content={
                <div style={{ maxWidth: 420 }}>
                  <WarrantyLines lines={warranty.data.lines} />
                </div>
              }
            >
              <Tag icon={<SafetyCertificateOutlined />} color={warranty.data.covered ? 'green' : 'default'} style={{ cursor: 'help' }}>
                {warranty.data.covered ? t('warranty.covered') : t('warranty.notCovered')}
                {' · '}
                {warranty.data.entitlements.map((e) => t(`common:enums.warrantyEntitlement.${e}`)).join(t('listSeparator'))}
              </Tag>
            </Popover>
          )}
        </Flex>
        {approval && (approval.decidedBy || approval.note) && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {approval.decidedBy
              ? t('card.decidedBy', { name: approval.decidedBy.displayName, at: formatInstant(approval.decidedAt) })
              : null}
            {approval.note ? ` · ${approval.note}` : ''}
          </Typography.Text>
        )}
        <DetailsView details={d.details} />
        {d.signature && (
          <Typography.Text type="success" style={{ fontSize: 13 }}>
            {t('card.signed', { name: d.signature.signedBy, at: formatInstant(d.signature.signedAt) })}
          </Typography.Text>
        )}
        {d.kind === 'service_order' && (
          <Space wrap size={4}>
            <Button size="small" icon={<MobileOutlined />} onClick={() => navigate(`/service-orders/${d.id}`)}>
              {t('serviceOrder.open')}
            </Button>
            <Button size="small" type="link" icon={<FilePdfOutlined />} href={memoUrl(d.id, 'zh-CN')} target="_blank">
              {t('serviceOrder.memoZh')}
            </Button>
            <Button size="small" type="link" icon={<FilePdfOutlined />} href={memoUrl(d.id, 'en-US')} target="_blank">
              {t('serviceOrder.memoEn')}
            </Button>
          </Space>
        )}
        {actions.length > 0 && (
          <Flex gap={8} wrap role="toolbar" aria-label={t('card.actions', { number: d.number })}>
            {actions.map((a) => (
              <Button
                key={a}
                size="small"
                type={PRIMARY.has(a) ? 'primary' : 'default'}
                danger={DANGER.has(a)}
                onClick={() => setAction(a)}
              >
                {t(`common:enums.dispositionAction.${a}`)}
              </Button>
            ))}
          </Flex>
        )}
      </Flex>
      {action && <DispositionActionDialog d={d} action={action} onClose={() => setAction(null)} />}
    </Card>
  );
}
