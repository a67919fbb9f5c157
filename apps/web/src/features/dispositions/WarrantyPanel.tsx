import { SafetyCertificateOutlined } from '@ant-design/icons';
import { type CaseWarrantyQuery, WARRANTY_EXCLUSIONS, type WarrantyLine } from '@closeloop/domain';
import { Alert, Card, Col, Descriptions, Flex, Input, InputNumber, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useCaseWarranty } from './api.ts';
import { dispositionProblem, useMoney } from './format.tsx';

const labelStyle = { display: 'block', fontSize: 12, color: 'rgba(0, 0, 0, 0.55)', marginBottom: 2 } as const;

/** The evaluation's reasoning, one rule a line, ✓ where it applies and ✗ where not, in the user's language. */
export function WarrantyLines({ lines }: { lines: readonly WarrantyLine[] }) {
  const { t, i18n } = useTranslation('dispositions');
  const zh = i18n.language === 'zh-CN';
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('warranty.legend')}
      </Typography.Text>
      <ul aria-label={t('warranty.reasoning')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {lines.map((l) => (
          <li key={l.rule} data-rule={l.rule} data-applies={l.applies} style={{ display: 'flex', gap: 8, padding: '3px 0' }}>
            <span
              role="img"
              aria-label={l.applies ? t('warranty.applies') : t('warranty.doesNotApply')}
              style={{ flex: 'none', width: 16, fontWeight: 700, color: l.applies ? '#389e0d' : '#8c8c8c' }}
            >
              {l.applies ? '✓' : '–'}
            </span>
            <Typography.Text type={l.applies ? undefined : 'secondary'}>{zh ? l.zh : l.en}</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface WarrantyInputs {
  faultCode?: string | undefined;
  exclusion?: CaseWarrantyQuery['exclusion'];
  price?: number | undefined;
}

/** The query the inputs give, without empty values. */
export const warrantyQuery = (v: WarrantyInputs): CaseWarrantyQuery => ({
  ...(v.faultCode?.trim() ? { faultCode: v.faultCode.trim() } : {}),
  ...(v.exclusion ? { exclusion: v.exclusion } : {}),
  ...(v.price !== undefined && v.price !== null ? { price: v.price } : {}),
});

/**
 * 三包判定: what the customer is entitled to (return, exchange, free repair or paid service) from the
 * sale date, the product's terms and the unit's earlier repairs — with the reasoning line by line.
 * The fault code finds earlier repairs of the same fault; the price gives the refund amount.
 */
export function WarrantyPanel({
  caseKey,
  value,
  onChange,
}: {
  caseKey: string;
  value: WarrantyInputs;
  onChange: (v: WarrantyInputs) => void;
}) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const money = useMoney();
  const query = useDebounced(warrantyQuery(value), 400);
  const w = useCaseWarranty(caseKey, query);
  const noProduct = w.error instanceof ApiError && w.error.problem.code === 'guard_failed';
  const ids = useId();

  return (
    <Card
      size="small"
      title={
        <Flex gap={6} align="center">
          <SafetyCertificateOutlined />
          {t('warranty.title')}
        </Flex>
      }
      data-testid="warranty-panel"
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <label htmlFor={`${ids}-fault`} style={labelStyle}>
            {t('warranty.faultCode')}
          </label>
          <Input
            id={`${ids}-fault`}
            value={value.faultCode}
            allowClear
            maxLength={100}
            placeholder={t('warranty.faultCodePlaceholder')}
            onChange={(e) => onChange({ ...value, faultCode: e.target.value })}
          />
        </Col>
        <Col xs={24} md={8}>
          <label htmlFor={`${ids}-exclusion`} style={labelStyle}>
            {t('warranty.exclusion')}
          </label>
          <Select
            id={`${ids}-exclusion`}
            value={value.exclusion}
            allowClear
            style={{ width: '100%' }}
            placeholder={t('warranty.noExclusion')}
            onChange={(exclusion) => onChange({ ...value, exclusion })}
            options={WARRANTY_EXCLUSIONS.map((e) => ({ value: e, label: t(`common:enums.warrantyExclusion.${e}`) }))}
          />
        </Col>
        <Col xs={24} md={8}>
          <label htmlFor={`${ids}-price`} style={labelStyle}>
            {t('warranty.price')}
          </label>
          <InputNumber
            id={`${ids}-price`}
            value={value.price ?? null}
            min={0}
            max={100_000_000}
            precision={2}
            prefix="¥"
            style={{ width: '100%' }}
            onChange={(price) => onChange({ ...value, price: price ?? undefined })}
          />
        </Col>
      </Row>
      <div style={{ marginTop: 12 }}>
        {w.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
        {w.isError &&
          (noProduct ? (
            <Alert type="info" showIcon title={t('warranty.noProduct')} />
          ) : (
            <Alert type="error" showIcon title={dispositionProblem(t, w.error)} />
          ))}
        {w.data && !w.isError && (
          <Flex vertical gap={12}>
            <Flex gap={6} wrap align="center">
              <Tag color={w.data.covered ? 'green' : 'orange'} style={{ fontSize: 14, padding: '2px 8px' }}>
                {w.data.covered ? t('warranty.covered') : t('warranty.notCovered')}
              </Tag>
              {w.data.entitlements.map((e) => (
                <Tag key={e} color={e === 'paid_service' ? 'default' : 'blue'}>
                  {t(`common:enums.warrantyEntitlement.${e}`)}
                </Tag>
              ))}
            </Flex>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, xl: 3 }}
              items={[
                { key: 'category', label: t('warranty.category'), children: w.data.category ?? '—' },
                { key: 'saleDate', label: t('warranty.saleDate'), children: w.data.saleDate ?? t('warranty.noSaleDate') },
                {
                  key: 'days',
                  label: t('warranty.daysSinceSale'),
                  children: w.data.daysSinceSale === null ? '—' : t('warranty.days', { count: w.data.daysSinceSale }),
                },
                {
                  key: 'end',
                  label: t('warranty.warrantyEnd'),
                  children: w.data.warrantyEnd
                    ? w.data.extensionDays > 0
                      ? t('warranty.extended', { end: w.data.warrantyEnd, days: w.data.extensionDays, nominal: w.data.nominalWarrantyEnd })
                      : w.data.warrantyEnd
                    : '—',
                },
                { key: 'repairs', label: t('warranty.sameFaultRepairs'), children: w.data.sameFaultRepairs },
                ...(w.data.refund
                  ? [
                      {
                        key: 'refund',
                        label: t('warranty.refund'),
                        children: t('warranty.refundAmount', {
                          amount: money(w.data.refund.amount),
                          price: money(w.data.refund.price),
                          depreciation: money(w.data.refund.depreciation),
                        }),
                      },
                    ]
                  : []),
              ]}
            />
            <WarrantyLines lines={w.data.lines} />
          </Flex>
        )}
      </div>
    </Card>
  );
}
