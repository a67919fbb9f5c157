import { PhoneOutlined } from '@ant-design/icons';
import type { DispositionView } from '@closeloop/domain';
import { Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCase } from '../../cases/api.ts';
import { formatInstant } from '../../cases/detail/format.ts';
import { productLabel } from '../../cases/intake/RemoteSelects.tsx';
import { DispositionStatusTag } from '../format.tsx';

/** What the engineer needs before the visit: the case, whom to call, the machine, the planned arrival. */
export function OrderSummary({ d, plannedArrival }: { d: DispositionView; plannedArrival?: string | null | undefined }) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const c = useCase(d.caseId);
  return (
    <Card size="small" data-testid="service-order-summary">
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Link to={`/cases/${d.caseNumber}?tab=dispositions`}>{d.caseNumber}</Link>
        <DispositionStatusTag status={d.status} />
      </Flex>
      {c.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : c.data ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {c.data.title}
          </Typography.Title>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'customer', label: t('cases:fields.customerId'), children: c.data.customer?.name ?? '—' },
              {
                key: 'contact',
                label: t('cases:fields.contactName'),
                children: (
                  <Flex gap={8} wrap align="center">
                    <span>{c.data.contactName ?? '—'}</span>
                    {c.data.contactPhone && (
                      <a href={`tel:${c.data.contactPhone}`}>
                        <PhoneOutlined /> {c.data.contactPhone}
                      </a>
                    )}
                  </Flex>
                ),
              },
              { key: 'product', label: t('cases:fields.productId'), children: c.data.product ? productLabel(c.data.product) : '—' },
              { key: 'serial', label: t('cases:fields.serialNo'), children: c.data.unit?.serial ?? c.data.serialNo ?? '—' },
              ...(plannedArrival ? [{ key: 'planned', label: t('fields.plannedArrival'), children: formatInstant(plannedArrival) }] : []),
            ]}
          />
          {c.data.description && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ margin: '8px 0 0' }}>
              {c.data.description}
            </Typography.Paragraph>
          )}
        </>
      ) : null}
    </Card>
  );
}
