import type { ClockKind, NotificationView } from '@closeloop/domain';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import i18n from '../../i18n/index.ts';

// Types only from the domain package: this runs in the shell, which should not load the schemas.
const isClock = (c: string | undefined): c is ClockKind => c !== undefined && i18n.exists(`common:enums.clockKind.${c}`);

/** One line for a notification, from its kind and parameters, in the reader's language ("案件 2611-0007 受理确认即将到期 · 11-23 17:30"). */
export function notificationText(t: TFunction<['notifications', 'common']>, n: NotificationView): string {
  const p = n.params;
  const number = p.caseNumber ?? (n.caseId ? `#${n.caseId.slice(0, 8)}` : '');
  const clock = isClock(p.clock) ? t(`common:enums.clockKind.${p.clock}`) : (p.clock ?? '');
  const due = p.dueAt ? dayjs(p.dueAt).format('MM-DD HH:mm') : null;
  let text: string;
  switch (n.kind) {
    case 'case_assigned':
      text = p.actorName ? t('text.assignedBy', { number, actor: p.actorName }) : t('text.assigned', { number });
      break;
    case 'sla_warning':
      text = t('text.warning', { number, clock });
      break;
    case 'sla_breached':
      text = t('text.breached', { number, clock });
      break;
    case 'sla_escalated':
      text = t('text.escalated', { number, clock, level: p.level ?? 1 });
      break;
    case 'approval_requested':
      text = t('text.approvalRequested', { number, disposition: p.dispositionNumber ?? '' });
      break;
    default:
      text = number;
  }
  return due && n.kind !== 'case_assigned' ? `${text} · ${due}` : text;
}
