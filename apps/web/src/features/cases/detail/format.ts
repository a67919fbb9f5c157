import type { CaseView } from '@closeloop/domain';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import zhCases from '../../../i18n/zh-CN/cases.ts';
import { departmentName, useDepartments, useUsers } from '../../admin/api.ts';

/** Case fields whose values come from a shared vocabulary, by the vocabulary's name under common `enums`. */
const ENUM_FIELDS = {
  type: 'caseType',
  status: 'caseStatus',
  holdFromStatus: 'caseStatus',
  severity: 'severity',
  grade: 'grade',
  priority: 'priority',
  derivedPriority: 'priority',
  priorityOverride: 'priority',
  channel: 'channel',
  recurrence: 'recurrence',
  validity: 'validity',
  causeCategory: 'causeCategory',
  rootCause6m: 'rootCause6m',
  serviceKind: 'serviceKind',
  responsibilityParty: 'responsibilityParty',
  customerDemands: 'customerDemand',
  linkKind: 'linkKind',
  visibility: 'visibility',
} as const;
type EnumField = keyof typeof ENUM_FIELDS;

const USER_FIELDS = new Set(['ownerId', 'receivedById', 'firstResponderId']);
const DEPARTMENT_FIELDS = new Set(['departmentId', 'responsibilityDepartmentId']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export type FieldName = keyof typeof zhCases.fields;
export const isKnownField = (f: string): f is FieldName => Object.hasOwn(zhCases.fields, f);

export const formatInstant = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** Labels and readable values of case fields, for the timeline and the conflict dialog. */
export function useFieldFormat() {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const users = useUsers();
  const departments = useDepartments();

  const label = (field: string) => (isKnownField(field) ? t(`cases:fields.${field}`) : field);

  const one = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? t('common:states.yes') : t('common:states.no');
    if (field in ENUM_FIELDS && typeof v === 'string') {
      const vocabulary = ENUM_FIELDS[field as EnumField];
      const key = `common:enums.${vocabulary}.${v}`;
      return i18n.exists(key) ? t(key as 'common:enums.grade.general') : v;
    }
    if (USER_FIELDS.has(field) && typeof v === 'string') return users.data?.find((u) => u.id === v)?.displayName ?? `#${v.slice(0, 8)}`;
    if (DEPARTMENT_FIELDS.has(field) && typeof v === 'string') {
      return (
        departmentName(
          departments.data?.find((d) => d.id === v),
          i18n.language,
        ) || `#${v.slice(0, 8)}`
      );
    }
    if (field.endsWith('Id') && typeof v === 'string') return `#${v.slice(0, 8)}`;
    if (typeof v === 'string' && INSTANT.test(v)) return formatInstant(v);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };

  const value = (field: string, v: unknown): string => {
    if (Array.isArray(v)) return v.length ? v.map((x) => one(field, x)).join('、') : '—';
    return one(field, v);
  };

  return { label, value };
}

/** A case's value of an editable field, in the shape a PATCH carries it. */
export function viewValue(c: CaseView, field: string): unknown {
  switch (field) {
    case 'ownerId':
      return c.owner?.id ?? null;
    case 'customerId':
      return c.customer?.id ?? null;
    case 'productId':
      return c.product?.id ?? null;
    case 'unitId':
      return c.unit?.id ?? null;
    default:
      return (c as unknown as Record<string, unknown>)[field] ?? null;
  }
}
