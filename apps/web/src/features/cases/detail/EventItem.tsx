import {
  AccountBookOutlined,
  AlertOutlined,
  ArrowRightOutlined,
  AuditOutlined,
  EditOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FieldTimeOutlined,
  FileAddOutlined,
  FlagOutlined,
  FormOutlined,
  GlobalOutlined,
  LinkOutlined,
  LockOutlined,
  PaperClipOutlined,
  RedoOutlined,
  SwapOutlined,
  ToolOutlined,
  UndoOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import {
  type CaseAction,
  type CaseStatus,
  type DispositionAction,
  type DispositionKind,
  type DispositionStatus,
  type EventView,
  stripBidiControls,
} from '@closeloop/domain';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney, useRoleName } from '../../dispositions/format.tsx';
import { attachmentUrl } from '../api.ts';
import { formatInstant, type useFieldFormat } from './format.ts';

type Format = ReturnType<typeof useFieldFormat>;

/** Internal notes and customer-visible replies look different at a glance: colour, tag and icon. */
export const VISIBILITY_STYLE = {
  internal: { color: 'gold', background: '#fffbe6', border: '#ffe58f', icon: <LockOutlined /> },
  customer: { color: 'blue', background: '#e6f4ff', border: '#91caff', icon: <GlobalOutlined /> },
} as const;

/** Fields a transition always changes; the header already says so. */
const TRANSITION_NOISE = new Set(['status', 'holdFromStatus', 'closedAt']);

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** Events recorded before the server cleaned file names may still hold bidi controls (`evil\u202Egnp.txt`). */
const fileName = (v: unknown) => stripBidiControls(str(v));
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const ref = (v: unknown) => (v && typeof v === 'object' ? (v as { caseId?: string; number?: string }) : {});

/** One timeline entry: its dot colour and icon, and what it says. */
export function useEventItem(format: Format, caseId: string) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const sep = i18n.language === 'zh-CN' ? '、' : ', ';
  /** A clock's name from an event's data; unknown values as they are. */
  const clockName = (v: unknown) => {
    const k = str(v);
    return i18n.exists(`common:enums.clockKind.${k}`) ? t(`common:enums.clockKind.${k as 'resolve'}`) : k;
  };

  const roleName = useRoleName();
  const money = (v: unknown) => formatMoney(num(v), i18n.language);
  /** A vocabulary value's label from an event's data; unknown values as they are. */
  const label = (vocabulary: string, v: unknown) => {
    const k = str(v);
    return i18n.exists(`common:enums.${vocabulary}.${k}`) ? t(`common:enums.${vocabulary}.${k}` as 'common:enums.grade.general') : k;
  };
  /** The disposition an event is about: its number and kind. */
  const disposition = (d: Record<string, unknown>) => (
    <>
      <Typography.Text strong>{str(d.number)}</Typography.Text>
      {str(d.kind) && <Tag style={{ marginInlineEnd: 0 }}>{label('dispositionKind', d.kind as DispositionKind)}</Tag>}
    </>
  );

  const who = (e: EventView) => e.actor?.displayName ?? t('timeline.system');
  const head = (e: EventView, what: ReactNode, extra?: ReactNode) => (
    <Flex gap={8} wrap align="center">
      <Typography.Text strong>{who(e)}</Typography.Text>
      <span>{what}</span>
      {extra}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatInstant(e.at)}
      </Typography.Text>
    </Flex>
  );
  const body = (text: string | null) =>
    text ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{text}</Typography.Paragraph> : null;

  const changeList = (changes: EventView['changes']) =>
    changes.length ? (
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {changes.map((ch) => (
          <li key={ch.field}>
            {format.label(ch.field)}：
            {ch.from === null || ch.from === undefined ? null : (
              <>
                <Typography.Text delete type="secondary">
                  {format.value(ch.field, ch.from)}
                </Typography.Text>{' '}
                <ArrowRightOutlined />{' '}
              </>
            )}
            {format.value(ch.field, ch.to)}
          </li>
        ))}
      </ul>
    ) : null;

  return (e: EventView): { color: string; icon: ReactNode; content: ReactNode } => {
    const d = e.data ?? {};
    switch (e.kind) {
      case 'commented': {
        const vis = e.visibility === 'customer' ? 'customer' : 'internal';
        const s = VISIBILITY_STYLE[vis];
        return {
          color: vis === 'customer' ? 'blue' : 'gold',
          icon: s.icon,
          content: (
            <div
              data-visibility={vis}
              style={{ background: s.background, border: `1px solid ${s.border}`, borderRadius: 8, padding: '8px 12px' }}
            >
              {head(
                e,
                t('timeline.commented'),
                <Tag color={s.color} icon={s.icon} style={{ marginInlineEnd: 0 }}>
                  {t(`common:enums.visibility.${vis}`)}
                </Tag>,
              )}
              {body(e.body)}
            </div>
          ),
        };
      }
      case 'transition': {
        const action = str(d.action) as CaseAction;
        const from = str(d.from) as CaseStatus;
        const to = str(d.to) as CaseStatus;
        const label = action ? t(`common:enums.caseAction.${action}`) : e.kind;
        return {
          color: action === 'close' ? 'green' : action === 'reject' ? 'red' : 'blue',
          icon: <FlagOutlined />,
          content: (
            <>
              {head(
                e,
                <Typography.Text strong>{label}</Typography.Text>,
                from && to && from !== to ? (
                  <span>
                    {t(`common:enums.caseStatus.${from}`)} <ArrowRightOutlined /> {t(`common:enums.caseStatus.${to}`)}
                  </span>
                ) : null,
              )}
              {body(e.body)}
              {changeList(e.changes.filter((ch) => !TRANSITION_NOISE.has(ch.field)))}
            </>
          ),
        };
      }
      case 'updated':
        return {
          color: 'gray',
          icon: <EditOutlined />,
          content: (
            <>
              {head(e, t('timeline.updated'))}
              {changeList(e.changes)}
              {body(e.body)}
            </>
          ),
        };
      case 'created': {
        const from = ref(d.reopenedFrom);
        const channel = str(d.intakeChannel);
        return {
          color: 'green',
          icon: <FileAddOutlined />,
          content: (
            <>
              {head(e, t('timeline.created'), channel ? <Tag>{format.value('channel', channel)}</Tag> : null)}
              {from.number && (
                <div>
                  {t('header.reopenedFrom')} <Link to={`/cases/${from.number}`}>{from.number}</Link>
                </div>
              )}
              {body(e.body)}
            </>
          ),
        };
      }
      case 'attachment_added': {
        const id = str(d.attachmentId);
        return {
          color: 'gray',
          icon: <PaperClipOutlined />,
          content: head(
            e,
            t('timeline.attached'),
            id ? (
              <a href={attachmentUrl(caseId, id)} target="_blank" rel="noreferrer">
                <bdi>{fileName(d.filename)}</bdi>
              </a>
            ) : (
              <bdi>{fileName(d.filename)}</bdi>
            ),
          ),
        };
      }
      case 'linked':
        return {
          color: 'gray',
          icon: <LinkOutlined />,
          content: head(
            e,
            t('timeline.linked'),
            <>
              <Link to={`/cases/${str(d.number)}`}>{str(d.number)}</Link>
              {str(d.kind) && <Tag>{format.value('linkKind', str(d.kind))}</Tag>}
            </>,
          ),
        };
      case 'reopened': {
        const created = ref(d.newCase);
        return {
          color: 'orange',
          icon: <RedoOutlined />,
          content: (
            <>
              {head(e, t('timeline.reopened'), created.number ? <Link to={`/cases/${created.number}`}>{created.number}</Link> : null)}
              {body(e.body)}
            </>
          ),
        };
      }
      case 'sla_warning':
      case 'sla_breached': {
        const due = str(d.dueAt);
        return {
          color: e.kind === 'sla_warning' ? 'orange' : 'red',
          icon: <FieldTimeOutlined />,
          content: head(
            e,
            t(e.kind === 'sla_warning' ? 'timeline.slaWarning' : 'timeline.slaBreached', { clock: clockName(d.clock) }),
            due ? <Typography.Text type="secondary">{t('timeline.dueAt', { at: formatInstant(due) })}</Typography.Text> : null,
          ),
        };
      }
      case 'sla_escalated': {
        const priority = d.priority as { from?: string; to?: string } | null | undefined;
        const reassigned = str(d.reassignedTo);
        const notified = typeof d.notified === 'number' ? d.notified : 0;
        return {
          color: 'red',
          icon: <AlertOutlined />,
          content: (
            <>
              {head(e, t('timeline.slaEscalated', { clock: clockName(d.clock), level: Number(d.level) || 1 }))}
              <Flex gap={4} wrap style={{ marginTop: 4 }}>
                {notified > 0 && <Tag>{t('timeline.escalationNotified', { count: notified })}</Tag>}
                {reassigned && (
                  <Tag icon={<UserSwitchOutlined />}>
                    {format.label('ownerId')}：{format.value('ownerId', reassigned)}
                  </Tag>
                )}
                {priority?.from && priority.to && (
                  <Tag color="red">
                    {priority.from} <ArrowRightOutlined /> {priority.to}
                  </Tag>
                )}
              </Flex>
            </>
          ),
        };
      }
      case 'clocks_reset': {
        const clocks = Array.isArray(d.clocks) ? d.clocks.map(clockName).join(sep) : '';
        return {
          color: 'blue',
          icon: <UndoOutlined />,
          content: (
            <>
              {head(e, t('timeline.clocksReset'), clocks ? <Typography.Text>{clocks}</Typography.Text> : null)}
              {body(e.body)}
            </>
          ),
        };
      }
      case 'site_arrived':
        return {
          color: 'green',
          icon: <EnvironmentOutlined />,
          content: head(e, t('timeline.siteArrived'), str(d.arrivedAt) ? <span>{formatInstant(str(d.arrivedAt))}</span> : null),
        };
      case 'assigned_by_rule':
        return {
          color: 'gray',
          icon: <UserSwitchOutlined />,
          content: (
            <>
              {head(e, t('timeline.assignedByRule', { rule: str(d.ruleName) }))}
              {changeList(e.changes)}
            </>
          ),
        };
      case 'disposition_proposed':
      case 'disposition_approval_requested': {
        const proposed = e.kind === 'disposition_proposed';
        return {
          color: proposed ? 'blue' : 'gold',
          icon: proposed ? <ToolOutlined /> : <AuditOutlined />,
          content: (
            <>
              {head(
                e,
                t(proposed ? 'timeline.dispositionProposed' : 'timeline.dispositionApprovalRequested'),
                <>
                  {disposition(d)}
                  {num(d.amount) !== null && <Tag>{money(d.amount)}</Tag>}
                  {str(d.requiredRole) && <Tag color="gold">{t('timeline.needsRole', { role: roleName(str(d.requiredRole)) })}</Tag>}
                </>,
              )}
              {body(e.body)}
            </>
          ),
        };
      }
      case 'disposition_approved':
      case 'disposition_refused':
        return {
          color: e.kind === 'disposition_approved' ? 'green' : 'red',
          icon: <AuditOutlined />,
          content: (
            <>
              {head(
                e,
                t(e.kind === 'disposition_approved' ? 'timeline.dispositionApproved' : 'timeline.dispositionRefused'),
                <>
                  {disposition(d)}
                  {num(d.amount) !== null && <Tag>{money(d.amount)}</Tag>}
                </>,
              )}
              {body(e.body)}
            </>
          ),
        };
      case 'disposition_updated': {
        const action = str(d.action) as DispositionAction;
        const from = str(d.from) as DispositionStatus;
        const to = str(d.to) as DispositionStatus;
        const newCase = str(d.newCaseId);
        return {
          color: to === 'done' ? 'green' : to === 'cancelled' || to === 'refused' ? 'red' : 'blue',
          icon: <ToolOutlined />,
          content: (
            <>
              {head(
                e,
                t('timeline.dispositionUpdated', { action: label('dispositionAction', action) }),
                <>
                  {disposition(d)}
                  {from && to && from !== to && (
                    <span>
                      {label('dispositionStatus', from)} <ArrowRightOutlined /> {label('dispositionStatus', to)}
                    </span>
                  )}
                </>,
              )}
              {newCase && (
                <div>
                  {t('timeline.followUpCase')} <Link to={`/cases/${newCase}`}>{t('timeline.openCase')}</Link>
                </div>
              )}
              {body(e.body)}
            </>
          ),
        };
      }
      case 'service_memo_signed': {
        const id = str(d.attachmentId);
        return {
          color: 'green',
          icon: <FormOutlined />,
          content: head(
            e,
            t('timeline.serviceMemoSigned', { name: str(d.signedBy) }),
            <>
              <Typography.Text strong>{str(d.number)}</Typography.Text>
              {id && (
                <a href={attachmentUrl(caseId, id)} target="_blank" rel="noreferrer">
                  <PaperClipOutlined />
                </a>
              )}
            </>,
          ),
        };
      }
      case 'cost_recorded': {
        const party = str(d.externalParty);
        return {
          color: 'gray',
          icon: <AccountBookOutlined />,
          content: (
            <>
              {head(
                e,
                t('timeline.costRecorded'),
                <>
                  <Tag style={{ marginInlineEnd: 0 }}>{label('costCategory', d.category)}</Tag>
                  <Typography.Text strong>{money(d.amount)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {label('costBearer', d.bearer)}
                    {party ? ` · ${party}` : str(d.departmentId) ? ` · ${format.value('departmentId', str(d.departmentId))}` : ''}
                  </Typography.Text>
                </>,
              )}
              {body(e.body)}
            </>
          ),
        };
      }
      case 'cost_recovered':
        return {
          color: 'green',
          icon: <AccountBookOutlined />,
          content: head(e, t('timeline.costRecovered', { amount: money(d.amount), from: label('costBearer', d.from) })),
        };
      case 'investigation_updated': {
        const fields = Array.isArray(d.fields) ? (d.fields as unknown[]).map(str).filter(Boolean) : [];
        const names = fields
          .map((f) => (i18n.exists(`cases:timeline.investigationFields.${f}`) ? t(`timeline.investigationFields.${f as 'facts'}`) : f))
          .join(sep);
        return {
          color: 'gray',
          icon: <ExperimentOutlined />,
          content: head(e, t('timeline.investigationUpdated'), names ? <Typography.Text type="secondary">{names}</Typography.Text> : null),
        };
      }
      case 'investigation_reported':
        return {
          color: d.late ? 'orange' : 'green',
          icon: <ExperimentOutlined />,
          content: head(e, t('timeline.investigationReported'), d.late ? <Tag color="orange">{t('timeline.reportedLate')}</Tag> : null),
        };
      case 'investigation_reviewed':
        return {
          color: d.decision === 'returned' ? 'orange' : 'green',
          icon: <AuditOutlined />,
          content: (
            <>
              {head(
                e,
                t('timeline.investigationReviewed'),
                <Tag color={d.decision === 'returned' ? 'orange' : 'green'} style={{ marginInlineEnd: 0 }}>
                  {label('reviewDecision', d.decision)}
                </Tag>,
              )}
              {body(str(d.instruction) || null)}
            </>
          ),
        };
      default:
        return {
          color: 'gray',
          icon: <SwapOutlined />,
          content: (
            <>
              {head(e, e.kind)}
              {body(e.body)}
            </>
          ),
        };
    }
  };
}
