import type { CaseSummary } from '@closeloop/domain';
import { Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useFormatDuration } from '../../../ui/duration.ts';

/**
 * 时限 column: the nearest due time of the clocks still counting — red when past due or a deadline
 * was ever missed, orange once the warning time is reached.
 */
export function DueCell({ row, now = Date.now() }: { row: CaseSummary; now?: number }) {
  const { t } = useTranslation(['caseList', 'common']);
  const duration = useFormatDuration();
  if (!row.slaDueAt) {
    return row.slaBreached ? (
      <Typography.Text type="danger">{t('due.breached')}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  }
  const left = Date.parse(row.slaDueAt) - now;
  const due = dayjs(row.slaDueAt);
  // Month and day suffice this year; an older deadline shows its year.
  const shown = due.year() === dayjs(now).year() ? due.format('MM-DD HH:mm') : due.format('YYYY-MM-DD');
  const warned = row.slaWarnAt !== null && now >= Date.parse(row.slaWarnAt);
  const type = left < 0 || row.slaBreached ? 'danger' : warned ? 'warning' : undefined;
  const relative = left < 0 ? t('due.overdueBy', { duration: duration(-left) }) : t('due.dueIn', { duration: duration(left) });
  return (
    <Tooltip title={row.slaBreached && left >= 0 ? `${relative} · ${t('due.breached')}` : relative}>
      <Typography.Text
        type={type}
        strong={type === 'danger'}
        style={{ whiteSpace: 'nowrap' }}
        data-testid="due-cell"
        data-tone={type ?? 'normal'}
        aria-label={`${shown} ${relative}`}
      >
        {shown}
      </Typography.Text>
    </Tooltip>
  );
}
