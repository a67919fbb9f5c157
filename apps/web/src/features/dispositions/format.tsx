import { DEFAULT_ROLES, type DispositionStatus, type UserView } from '@closeloop/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { describeProblem } from '../../ui/useApiProblem.ts';
import { useRoles } from '../admin/api.ts';
import { ME_KEY } from '../auth/session.tsx';

const STATUS_COLORS: Record<DispositionStatus, string> = {
  proposed: 'blue',
  awaiting_approval: 'gold',
  approved: 'cyan',
  in_progress: 'processing',
  done: 'success',
  refused: 'volcano',
  cancelled: 'default',
};

export function DispositionStatusTag({ status }: { status: DispositionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`enums.dispositionStatus.${status}`)}
    </Tag>
  );
}

/** Yuan with two decimals: ¥1,234.50. */
export function formatMoney(n: number | null | undefined, lang = 'zh-CN') {
  if (n === null || n === undefined) return '—';
  return `¥${n.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function useMoney() {
  const { i18n } = useTranslation();
  return (n: number | null | undefined) => formatMoney(n, i18n.language);
}

/**
 * A role's name by its code (manager → 部门经理): from the roles list when the user may read it
 * (`users:read`), else from the default roles.
 */
export function useRoleName() {
  const { i18n } = useTranslation();
  const me = useQueryClient().getQueryData<UserView | null>(ME_KEY);
  const roles = useRoles({ enabled: !me || me.permissions.includes('users:read') });
  return (code: string | null | undefined) => {
    if (!code) return '—';
    const r = roles.data?.find((x) => x.code === code) ?? DEFAULT_ROLES.find((x) => x.code === code);
    return r ? (i18n.language === 'zh-CN' ? r.nameZh : r.nameEn) : code;
  };
}

type T = TFunction<['dispositions', 'cases', 'common']>;

interface Describe {
  /** A role's name by its code. */
  roleName?: (code: string) => string;
  /** A field's label by the API's field path (`details.receivedOn`, `signature`), or undefined. */
  fieldLabel?: (field: string) => string | undefined;
}

/**
 * One sentence for a failed disposition call. Authority problems say what is missing (the role an
 * amount needs, or that nobody approves their own request); guard failures name the missing facts.
 */
export function dispositionProblem(t: T, error: unknown, how: Describe = {}): string {
  if (error instanceof ApiError) {
    const p = error.problem as Record<string, unknown>;
    if (p.code === 'forbidden') {
      if (typeof p.requiredRole === 'string') {
        return t('dispositions:errors.needsRole', { role: how.roleName?.(p.requiredRole) ?? p.requiredRole });
      }
      if (p.reason === 'self_approval') return t('dispositions:errors.selfApproval');
      return typeof p.detail === 'string' ? `${t('common:errors.forbidden')} (${p.detail})` : t('common:errors.forbidden');
    }
    if (p.code === 'guard_failed' || p.code === 'validation_failed') {
      if (error.problem.errors?.some((e) => e.field === 'customerDecision')) return t('dispositions:errors.consentFirst');
      const labels = (error.problem.errors ?? []).map((e) => how.fieldLabel?.(e.field) ?? e.field);
      if (labels.length) return t('dispositions:errors.missing', { fields: [...new Set(labels)].join(t('dispositions:listSeparator')) });
      return t('dispositions:errors.guard', { detail: String(p.detail ?? p.title) });
    }
  }
  return describeProblem(error);
}
