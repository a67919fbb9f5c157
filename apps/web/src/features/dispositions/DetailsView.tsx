import type { DispositionDetails } from '@closeloop/domain';
import { Descriptions, type DescriptionsProps, Rate, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../admin/api.ts';
import { formatInstant } from '../cases/detail/format.ts';
import { FACTS, type FactName, factLabelKey, INSTANT_FACTS, type PartRow } from './details.ts';
import { useMoney } from './format.tsx';

const MONEY = new Set<FactName>(['quote', 'value', 'amount']);
const LONG = new Set<FactName>(['text', 'workDone', 'inspection', 'customerComment', 'note', 'reason', 'fault', 'parts', 'partsUsed']);

/** The facts of a disposition that are on record, labelled, in the order the kind lists them. */
export function DetailsView({ details }: { details: DispositionDetails }) {
  const { t } = useTranslation(['dispositions', 'common']);
  const money = useMoney();
  const users = useUsers();
  const facts = FACTS[details.kind] as { plan: FactName[]; progress: FactName[] };
  const record = details as unknown as Record<string, unknown>;
  const yesNo = (b: boolean) => (b ? t('common:states.yes') : t('common:states.no'));

  const show = (n: FactName, v: unknown): ReactNode => {
    if (MONEY.has(n)) return money(v as number);
    if (INSTANT_FACTS.has(n)) return formatInstant(v as string);
    if (typeof v === 'boolean') return n === 'inspectionPassed' ? t(v ? 'inspection.passed' : 'inspection.failed') : yesNo(v);
    switch (n) {
      case 'where':
        return t(`common:enums.repairWhere.${v as 'factory'}`);
      case 'goodsDisposition':
        return t(`common:enums.goodsDisposition.${v as 'scrap'}`);
      case 'form':
        return t(`common:enums.compensationForm.${v as 'payment'}`);
      case 'satisfaction':
        return <Rate disabled value={v as number} style={{ fontSize: 14 }} />;
      case 'engineerIds':
        return (v as string[]).map((id) => users.data?.find((u) => u.id === id)?.displayName ?? `#${id.slice(0, 8)}`).join('、');
      case 'parts':
      case 'partsUsed':
        return (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {(v as PartRow[]).map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
              <li key={i}>
                {p.name}
                {p.partNo ? ` (${p.partNo})` : ''} × {p.quantity}
                {p.serialOut || p.serialIn ? ` · ${[p.serialOut, p.serialIn].filter(Boolean).join(' → ')}` : ''}
              </li>
            ))}
          </ul>
        );
      default:
        return typeof v === 'string' ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v}</Typography.Text> : String(v);
    }
  };

  const items: NonNullable<DescriptionsProps['items']> = [...facts.plan, ...facts.progress]
    .filter((n) => {
      const v = record[n];
      return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
    })
    .map((n) => ({
      key: n,
      label: t(factLabelKey(n, details.kind) as 'fields.text'),
      children: show(n, record[n]),
      ...(LONG.has(n) ? { span: 'filled' as const } : {}),
    }));

  if (items.length === 0) return null;
  return <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />;
}
