import type { CaseStatus, Priority, Severity } from '@closeloop/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  acknowledged: 'cyan',
  investigating: 'geekblue',
  proposing: 'purple',
  awaiting_approval: 'gold',
  resolving: 'processing',
  awaiting_confirmation: 'lime',
  on_hold: 'default',
  closed: 'success',
  rejected: 'volcano',
};
const SEVERITY_COLORS: Record<Severity, string> = { CR: 'red', MA: 'orange', MI: 'green' };
const PRIORITY_COLORS: Record<Priority, string> = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'default' };

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`enums.caseStatus.${status}`)}</Tag>;
}

export function SeverityTag({ severity }: { severity: Severity | null }) {
  const { t } = useTranslation();
  if (!severity) return <Tag>{t('states.none')}</Tag>;
  return <Tag color={SEVERITY_COLORS[severity]}>{t(`enums.severity.${severity}`)}</Tag>;
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLORS[priority]} title={t(`enums.priority.${priority}`)}>
      {priority}
    </Tag>
  );
}
