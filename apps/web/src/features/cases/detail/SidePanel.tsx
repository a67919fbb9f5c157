import type { CaseView } from '@closeloop/domain';
import { Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusTag } from '../../../ui/CaseTags.tsx';
import { useCaseList } from '../api.ts';
import { productLabel } from '../intake/RemoteSelects.tsx';
import { formatInstant } from './format.ts';
import { WarrantyTag } from './WarrantyTag.tsx';

/** Customer, unit and warranty, linked cases and the customer's other cases. */
export function SidePanel({ c }: { c: CaseView }) {
  const { t } = useTranslation(['cases', 'common']);
  const others = useCaseList({ customerId: c.customer?.id, pageSize: 6, sort: '-receivedAt' }, { enabled: Boolean(c.customer) });
  const otherCases = (others.data?.items ?? []).filter((x) => x.id !== c.id).slice(0, 5);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('side.customer')}>
        {c.customer ? (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'name', label: t('side.name'), children: <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link> },
              { key: 'tier', label: t('side.tier'), children: t(`common:enums.tier.${c.customer.tier as 'A'}`, c.customer.tier) },
              {
                key: 'market',
                label: t('side.market'),
                children: t(`common:enums.market.${c.customer.market as 'domestic'}`, c.customer.market),
              },
              ...(c.contactName || c.contactPhone
                ? [{ key: 'contact', label: t('fields.contactId'), children: [c.contactName, c.contactPhone].filter(Boolean).join(' · ') }]
                : []),
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('side.noCustomer')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('side.unit')}>
        {c.unit || c.product || c.serialNo ? (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'serial', label: t('fields.serialNo'), children: c.unit?.serial ?? c.serialNo ?? '—' },
              { key: 'model', label: t('unit.model'), children: c.product ? productLabel(c.product) : '—' },
              {
                key: 'warranty',
                label: t('unit.warranty'),
                children: c.unit ? <WarrantyTag warrantyEnd={c.unit.warrantyEnd} /> : <Tag>{t('warranty.noUnit')}</Tag>,
              },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('side.noUnit')}</Typography.Text>
        )}
      </Card>
      {c.links.length > 0 && (
        <Card size="small" title={t('side.links')}>
          <Flex vertical gap={6}>
            {c.links.map((l) => (
              <Flex key={`${l.kind}-${l.caseId}`} justify="space-between" align="center">
                <Link to={`/cases/${l.number}`}>{l.number}</Link>
                <Tag style={{ marginInlineEnd: 0 }}>{t(`common:enums.linkKind.${l.kind}`)}</Tag>
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
      {c.customer && (
        <Card size="small" title={t('side.otherCases')} loading={others.isPending}>
          {otherCases.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('side.noOtherCases')} />
          ) : (
            <Flex vertical>
              {otherCases.map((x, i) => (
                <div key={x.id} style={{ padding: '8px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Link to={`/cases/${x.number}`}>{x.number}</Link>
                    <StatusTag status={x.status} />
                  </Flex>
                  <Typography.Text ellipsis={{ tooltip: x.title }} style={{ display: 'block' }}>
                    {x.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatInstant(x.receivedAt)}
                  </Typography.Text>
                </div>
              ))}
            </Flex>
          )}
        </Card>
      )}
    </Space>
  );
}
