import type { CaseView } from '@closeloop/domain';
import { Descriptions, type DescriptionsProps, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { departmentName, useDepartments } from '../../admin/api.ts';
import { productLabel } from '../intake/RemoteSelects.tsx';
import { type FieldName, formatInstant } from './format.ts';
import { WarrantyTag } from './WarrantyTag.tsx';

const dash = (v: ReactNode) => (v === null || v === undefined || v === '' ? '—' : v);
const para = (s: string | null) =>
  s ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s}</Typography.Paragraph> : '—';

/** Every recorded field, grouped as on the intake form. */
export function CaseDetails({ c }: { c: CaseView }) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const departments = useDepartments();
  const dept = (id: string | null) =>
    departmentName(
      departments.data?.find((d) => d.id === id),
      i18n.language,
    ) || '—';
  const item = (field: FieldName, children: ReactNode, span?: number | 'filled'): NonNullable<DescriptionsProps['items']>[number] => ({
    key: field,
    label: t(`fields.${field}`),
    children: dash(children),
    ...(span ? { span } : {}),
  });
  const yesNo = (b: boolean | null) => (b === null ? '—' : b ? t('common:states.yes') : t('common:states.no'));
  const quantity =
    c.quantityDefectiveUndetermined && c.quantityDefective === null ? (
      <Tag color="orange">{t('details.undetermined')}</Tag>
    ) : (
      c.quantityDefective
    );
  const r = c.responsibility;

  const groups: { key: string; items: NonNullable<DescriptionsProps['items']> }[] = [
    {
      key: 'customer',
      items: [
        item('customerId', c.customer ? <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link> : null),
        item('contactName', c.contactName),
        item('contactPhone', c.contactPhone),
        item('contactEmail', c.contactEmail),
      ],
    },
    {
      key: 'product',
      items: [
        item('productId', c.product ? productLabel(c.product) : null),
        item('serialNo', c.unit?.serial ?? c.serialNo),
        item('warranty', c.unit ? <WarrantyTag warrantyEnd={c.unit.warrantyEnd} /> : null),
        item('batchNo', c.batchNo),
        item('orderNo', c.orderNo),
        item('partNo', c.partNo),
        item('deliveryDate', c.deliveryDate),
        item('purchaseDate', c.purchaseDate),
        item('purchaseChannel', c.purchaseChannel),
        item('quantityDelivered', c.quantityDelivered),
        item('quantityDefective', quantity),
      ],
    },
    {
      key: 'problem',
      items: [
        item('description', para(c.description), 'filled'),
        item('occurredAt', c.occurredAt ? formatInstant(c.occurredAt) : null),
        item('occurredPlace', c.occurredPlace),
        item('environment', c.environment),
        item('recurrence', t(`common:enums.recurrence.${c.recurrence}`)),
        item('customerActions', para(c.customerActions), 'filled'),
      ],
    },
    {
      key: 'demand',
      items: [
        item(
          'customerDemands',
          c.customerDemands.length ? c.customerDemands.map((d) => <Tag key={d}>{t(`common:enums.customerDemand.${d}`)}</Tag>) : null,
          'filled',
        ),
      ],
    },
    {
      key: 'receipt',
      items: [
        item('channel', t(`common:enums.channel.${c.channel}`)),
        item('receivedById', c.receivedBy?.displayName),
        item('receivedAt', formatInstant(c.receivedAt)),
        item('firstResponderId', c.firstResponder?.displayName),
      ],
    },
    {
      key: 'assessment',
      items: [
        item('validity', t(`common:enums.validity.${c.validity}`)),
        item('isQualityRelated', yesNo(c.isQualityRelated)),
        item('causeCategory', c.causeCategory ? t(`common:enums.causeCategory.${c.causeCategory}`) : null),
        item('rootCause6m', c.rootCause6m ? t(`common:enums.rootCause6m.${c.rootCause6m}`) : null),
        item(
          'priority',
          c.priorityOverride
            ? t('details.priorityOverridden', { priority: c.priority, derived: c.derivedPriority, reason: c.priorityOverrideReason ?? '' })
            : c.priority,
        ),
        item('tags', c.tags.length ? c.tags.map((x) => <Tag key={x}>{x}</Tag>) : null),
      ],
    },
    {
      key: 'handling',
      items: [
        item('proposal', para(c.proposal), 'filled'),
        item('resolution', para(c.resolution), 'filled'),
        item('responsibilityParty', r ? t(`common:enums.responsibilityParty.${r.party}`) : null),
        ...(r?.departmentId ? [item('responsibilityDepartmentId', dept(r.departmentId))] : []),
        ...(r?.externalParty ? [item('responsibilityExternalParty', r.externalParty)] : []),
        item('responsibilityReason', r?.reason),
        item('customerConfirmed', yesNo(c.customerConfirmed)),
        ...(c.confirmationNote ? [item('confirmationNote', c.confirmationNote)] : []),
        ...(c.closeReason ? [item('closeReason', c.closeReason)] : []),
        ...(c.rejectionExplanation ? [item('rejectionExplanation', para(c.rejectionExplanation), 'filled')] : []),
        item('closedAt', c.closedAt ? formatInstant(c.closedAt) : null),
      ],
    },
  ];

  return (
    <>
      {groups.map((g) => (
        <Descriptions
          key={g.key}
          title={t(`details.groups.${g.key}` as 'details.groups.customer')}
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, xl: 2, xxl: 3 }}
          style={{ marginBottom: 20 }}
          items={g.items}
        />
      ))}
    </>
  );
}
