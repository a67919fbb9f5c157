import type { CustomerView, UnitView } from '@closeloop/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const TIER_COLORS: Record<CustomerView['tier'], string> = { A: 'gold', B: 'blue', C: 'default', D: 'default' };

export function TierTag({ tier }: { tier: CustomerView['tier'] }) {
  const { t } = useTranslation();
  return <Tag color={TIER_COLORS[tier]}>{t(`enums.tier.${tier}`)}</Tag>;
}

export function MarketTag({ market }: { market: CustomerView['market'] }) {
  const { t } = useTranslation();
  return <Tag color={market === 'domestic' ? 'cyan' : 'purple'}>{t(`enums.market.${market}`)}</Tag>;
}

/** 在保 / 过保 from the server's computation; "not set" when the unit has no warranty end. */
export function WarrantyTag({ unit }: { unit: Pick<UnitView, 'isUnderWarranty'> }) {
  const { t } = useTranslation(['customers', 'common']);
  if (unit.isUnderWarranty === null) return <Tag>{t('units.noWarranty')}</Tag>;
  return unit.isUnderWarranty ? <Tag color="success">{t('units.underWarranty')}</Tag> : <Tag color="error">{t('units.expired')}</Tag>;
}

/** "CN · 广东 · 深圳" */
export const locationOf = (c: Pick<CustomerView, 'country' | 'province' | 'city'>) =>
  [c.country, c.province, c.city].filter(Boolean).join(' · ');
