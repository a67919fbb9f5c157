import type { CaseSummary } from '@closeloop/domain';
import type { TableColumnsType } from 'antd';
import { Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { PriorityTag, SeverityTag, StatusTag } from '../../../ui/CaseTags.tsx';
import { RelativeTime } from '../../../ui/RelativeTime.tsx';
import { DueCell } from './DueCell.tsx';
import type { ListState } from './params.ts';

/** Every column of the case list, in display order. `number` is always shown. */
export const COLUMN_KEYS = [
  'number',
  'type',
  'status',
  'slaDueAt',
  'title',
  'customer',
  'product',
  'severity',
  'grade',
  'priority',
  'owner',
  'receivedAt',
  'updatedAt',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
export const DEFAULT_COLUMNS: ColumnKey[] = COLUMN_KEYS.filter((k) => k !== 'grade' && k !== 'updatedAt');

/** The server sort for a sortable column and direction. */
const SORT_FIELDS: Partial<Record<ColumnKey, 'number' | 'receivedAt' | 'updatedAt' | 'priority' | 'slaDueAt'>> = {
  number: 'number',
  slaDueAt: 'slaDueAt',
  receivedAt: 'receivedAt',
  updatedAt: 'updatedAt',
  priority: 'priority',
};

export function sortOf(columnKey: string | undefined, order: SortOrder | undefined): ListState['sort'] {
  const field = SORT_FIELDS[columnKey as ColumnKey];
  if (!field || !order) return undefined;
  return order === 'ascend' ? field : `-${field}`;
}

function orderOf(key: ColumnKey, sort: ListState['sort']): SortOrder {
  const field = SORT_FIELDS[key];
  if (!field || !sort) return null;
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** Widths for languages whose labels run longer than Chinese ("Awaiting confirmation", "Service request"). */
const LATIN_WIDTHS: Partial<Record<ColumnKey, number>> = {
  type: 124,
  status: 170,
  severity: 104,
  grade: 96,
  priority: 92,
  owner: 100,
  slaDueAt: 110,
  receivedAt: 116,
  updatedAt: 116,
};

export function buildColumns(
  t: TFunction<['caseList', 'common']>,
  visible: readonly string[],
  sort: ListState['sort'],
  latin = false,
): TableColumnsType<CaseSummary> {
  const all: Record<ColumnKey, TableColumnsType<CaseSummary>[number]> = {
    number: {
      title: t('columns.number'),
      dataIndex: 'number',
      fixed: 'start',
      width: 96,
      render: (n: string) => (
        <Link to={`/cases/${n}`} onClick={(e) => e.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>
          {n}
        </Link>
      ),
    },
    type: { title: t('columns.type'), dataIndex: 'type', width: 80, render: (v: CaseSummary['type']) => t(`common:enums.caseType.${v}`) },
    status: { title: t('columns.status'), dataIndex: 'status', width: 100, render: (v: CaseSummary['status']) => <StatusTag status={v} /> },
    title: {
      title: t('columns.title'),
      dataIndex: 'title',
      width: 200,
      ellipsis: { showTitle: true },
    },
    customer: {
      title: t('columns.customer'),
      dataIndex: ['customer', 'name'],
      width: 150,
      ellipsis: true,
      render: (_: unknown, r) => r.customer?.name ?? dash,
    },
    product: {
      title: t('columns.product'),
      dataIndex: ['product', 'model'],
      width: 90,
      ellipsis: true,
      render: (_: unknown, r) => r.product?.model ?? dash,
    },
    severity: {
      title: t('columns.severity'),
      dataIndex: 'severity',
      width: 88,
      render: (v: CaseSummary['severity']) => <SeverityTag severity={v} />,
    },
    grade: {
      title: t('columns.grade'),
      dataIndex: 'grade',
      width: 72,
      render: (v: CaseSummary['grade']) => (v ? t(`common:enums.grade.${v}`) : dash),
    },
    priority: {
      title: t('columns.priority'),
      dataIndex: 'priority',
      width: 76,
      render: (v: CaseSummary['priority']) => <PriorityTag priority={v} />,
    },
    owner: {
      title: t('columns.owner'),
      dataIndex: ['owner', 'displayName'],
      width: 86,
      ellipsis: true,
      render: (_: unknown, r) => r.owner?.displayName ?? <Typography.Text type="warning">{t('unassigned')}</Typography.Text>,
    },
    slaDueAt: {
      title: t('columns.slaDueAt'),
      dataIndex: 'slaDueAt',
      width: 110,
      render: (_: unknown, r) => <DueCell row={r} />,
    },
    receivedAt: {
      title: t('columns.receivedAt'),
      dataIndex: 'receivedAt',
      width: 96,
      render: (v: string) => <RelativeTime value={v} />,
    },
    updatedAt: {
      title: t('columns.updatedAt'),
      dataIndex: 'updatedAt',
      width: 96,
      render: (v: string) => <RelativeTime value={v} />,
    },
  };
  // A column the list is sorted by is always shown, so the order is visible (e.g. the "recently updated" queue).
  const shown = (k: ColumnKey) => k === 'number' || visible.includes(k) || (sort !== undefined && orderOf(k, sort) !== null);
  return COLUMN_KEYS.filter(shown).map((key) => {
    const col = { ...all[key], key, ...(latin && LATIN_WIDTHS[key] ? { width: LATIN_WIDTHS[key] } : {}) };
    if (SORT_FIELDS[key]) {
      return { ...col, sorter: true, sortOrder: orderOf(key, sort), sortDirections: ['ascend', 'descend'] as SortOrder[] };
    }
    return col;
  });
}
