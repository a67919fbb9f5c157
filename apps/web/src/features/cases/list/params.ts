import { CASE_SORTS, CASE_STATUSES, CASE_TYPES, GRADES, PRIORITIES, SEVERITIES, SLA_FILTERS } from '@closeloop/domain';
import type { CaseListParams } from '../api.ts';

/** The filters of the case list as they live in the URL (lists as arrays, everything else as strings). */
export interface ListFilters {
  q?: string;
  status?: string[];
  type?: string[];
  severity?: string[];
  grade?: string[];
  priority?: string[];
  departmentId?: string;
  ownerId?: string;
  customerId?: string;
  productId?: string;
  from?: string;
  to?: string;
  /** ISO instant: only cases changed since (the "recently updated" queue). */
  updatedFrom?: string;
  /** Deadline state: due soon (warning reached), overdue (running past due), breached (ever missed). */
  sla?: SlaFilter;
}
export type SlaFilter = (typeof SLA_FILTERS)[number];

export interface ListState extends ListFilters {
  sort?: (typeof CASE_SORTS)[number];
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 25;

const LISTS = {
  status: [...CASE_STATUSES, 'open'],
  type: CASE_TYPES,
  severity: SEVERITIES,
  grade: GRADES,
  priority: PRIORITIES,
} as const satisfies Record<string, readonly string[]>;
const IDS = ['departmentId', 'customerId', 'productId'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Keys that narrow the list (not sort or paging). */
export const FILTER_KEYS = ['q', ...Object.keys(LISTS), ...IDS, 'ownerId', 'from', 'to', 'updatedFrom', 'sla'] as const;

/** Reads the list state from the URL, dropping values the server would refuse (hand-edited or stale links). */
export function parseListState(search: URLSearchParams): ListState {
  const state: ListState = { page: 1, pageSize: DEFAULT_PAGE_SIZE };
  const q = search.get('q')?.trim();
  if (q) state.q = q.slice(0, 200);
  for (const [key, allowed] of Object.entries(LISTS) as [keyof typeof LISTS, readonly string[]][]) {
    const values = (search.get(key) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => allowed.includes(s));
    if (values.length) state[key] = [...new Set(values)];
  }
  for (const key of IDS) {
    const v = search.get(key);
    if (v && UUID.test(v)) state[key] = v;
  }
  const owner = search.get('ownerId');
  if (owner && (owner === 'none' || UUID.test(owner))) state.ownerId = owner;
  for (const key of ['from', 'to'] as const) {
    const v = search.get(key);
    if (v && DATE.test(v)) state[key] = v;
  }
  const updatedFrom = search.get('updatedFrom');
  if (updatedFrom && !Number.isNaN(Date.parse(updatedFrom)) && /^\d{4}-\d{2}-\d{2}T/.test(updatedFrom)) state.updatedFrom = updatedFrom;
  const sla = search.get('sla');
  if (sla && (SLA_FILTERS as readonly string[]).includes(sla)) state.sla = sla as SlaFilter;
  const sort = search.get('sort');
  if (sort && (CASE_SORTS as readonly string[]).includes(sort)) state.sort = sort as ListState['sort'];
  const page = Number(search.get('page'));
  if (Number.isInteger(page) && page >= 1 && page <= 100_000) state.page = page;
  const size = Number(search.get('pageSize'));
  if ((PAGE_SIZES as readonly number[]).includes(size)) state.pageSize = size;
  return state;
}

/** The URL query for a list state; defaults are left out so links stay short. */
export function toSearchParams(state: Partial<ListState>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(','));
    } else if (!(k === 'page' && v === 1) && !(k === 'pageSize' && v === DEFAULT_PAGE_SIZE)) p.set(k, String(v));
  }
  return p;
}

/** A link to the case list with these filters. */
export const caseListHref = (state: Partial<ListState>) => {
  const s = toSearchParams(state).toString();
  return s ? `/cases?${s}` : '/cases';
};

/** The API parameters of a list state. */
export const toApiParams = (state: ListState): CaseListParams => ({ ...state }) as CaseListParams;

/** Number of filters in effect (for the reset button and the empty state). */
export const activeFilterCount = (state: ListFilters) =>
  FILTER_KEYS.filter((k) => {
    const v = state[k as keyof ListFilters];
    return Array.isArray(v) ? v.length > 0 : Boolean(v);
  }).length;

/** The filters and sort of a state, as a flat string record (what a saved filter stores). */
export function savedParamsOf(state: ListState): Record<string, string> {
  const { page: _page, pageSize: _size, ...rest } = state;
  return Object.fromEntries(toSearchParams(rest).entries());
}
