import { ArrowRightOutlined, AuditOutlined, FormOutlined, PaperClipOutlined, ToolOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { attachmentUrl } from '../../api.ts';
import type { EventOf, EventRendering, EventTools } from './tools.tsx';

/** Dispositions (处置): proposal, approval, lifecycle steps, the signed service memo. */
export type DispositionEntry = EventOf<
  | 'disposition_proposed'
  | 'disposition_approval_requested'
  | 'disposition_approved'
  | 'disposition_refused'
  | 'disposition_updated'
  | 'service_memo_signed'
>;

export function renderDispositionEntry(e: DispositionEntry, x: EventTools): EventRendering {
  const { t, head, body, label, disposition, money, roleName } = x;
  switch (e.kind) {
    case 'disposition_proposed':
    case 'disposition_approval_requested': {
      const proposed = e.kind === 'disposition_proposed';
      const d = e.data;
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
                {d.amount !== null && <Tag>{money(d.amount)}</Tag>}
                {d.requiredRole && <Tag color="gold">{t('timeline.needsRole', { role: roleName(d.requiredRole) })}</Tag>}
              </>,
            )}
            {body(e.body)}
          </>
        ),
      };
    }
    case 'disposition_approved':
    case 'disposition_refused': {
      const approved = e.kind === 'disposition_approved';
      return {
        color: approved ? 'green' : 'red',
        icon: <AuditOutlined />,
        content: (
          <>
            {head(
              e,
              t(approved ? 'timeline.dispositionApproved' : 'timeline.dispositionRefused'),
              <>
                {disposition(e.data)}
                <Tag>{money(e.data.amount)}</Tag>
              </>,
            )}
            {body(e.body)}
          </>
        ),
      };
    }
    case 'disposition_updated': {
      const { action, from, to, newCaseId } = e.data;
      return {
        color: to === 'done' ? 'green' : to === 'cancelled' || to === 'refused' ? 'red' : 'blue',
        icon: <ToolOutlined />,
        content: (
          <>
            {head(
              e,
              t('timeline.dispositionUpdated', { action: label('dispositionAction', action) }),
              <>
                {disposition(e.data)}
                {from !== to && (
                  <span>
                    {label('dispositionStatus', from)} <ArrowRightOutlined /> {label('dispositionStatus', to)}
                  </span>
                )}
              </>,
            )}
            {newCaseId && (
              <div>
                {t('timeline.followUpCase')} <Link to={`/cases/${newCaseId}`}>{t('timeline.openCase')}</Link>
              </div>
            )}
            {body(e.body)}
          </>
        ),
      };
    }
    case 'service_memo_signed':
      return {
        color: 'green',
        icon: <FormOutlined />,
        content: head(
          e,
          t('timeline.serviceMemoSigned', { name: e.data.signedBy }),
          <>
            <Typography.Text strong>{e.data.number}</Typography.Text>
            <a href={attachmentUrl(x.caseId, e.data.attachmentId)} target="_blank" rel="noreferrer">
              <PaperClipOutlined />
            </a>
          </>,
        ),
      };
    default: {
      const unhandled: never = e;
      throw new Error(`no renderer for ${JSON.stringify(unhandled)}`);
    }
  }
}
