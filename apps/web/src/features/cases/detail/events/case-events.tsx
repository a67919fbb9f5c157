import {
  ArrowRightOutlined,
  EditOutlined,
  FileAddOutlined,
  FlagOutlined,
  LinkOutlined,
  PaperClipOutlined,
  RedoOutlined,
} from '@ant-design/icons';
import { stripBidiControls } from '@closeloop/domain';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { attachmentUrl } from '../../api.ts';
import type { EventOf, EventRendering, EventTools } from './tools.tsx';
import { VISIBILITY_STYLE } from './visibility.tsx';

/** The case register's own entries: registration, edits, comments, lifecycle, links, uploads. */
export type CaseEntry = EventOf<'created' | 'updated' | 'commented' | 'transition' | 'linked' | 'reopened' | 'attachment_added'>;

/** Fields a transition always changes; the header already says so. */
const TRANSITION_NOISE = new Set(['status', 'holdFromStatus', 'closedAt']);

export function renderCaseEntry(e: CaseEntry, x: EventTools): EventRendering {
  const { t, head, body, changeList, format } = x;
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
      const { action, from, to } = e.data;
      return {
        color: action === 'close' ? 'green' : action === 'reject' ? 'red' : 'blue',
        icon: <FlagOutlined />,
        content: (
          <>
            {head(
              e,
              <Typography.Text strong>{t(`common:enums.caseAction.${action}`)}</Typography.Text>,
              from !== to ? (
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
      const from = e.data.reopenedFrom;
      const channel = e.data.intakeChannel;
      return {
        color: 'green',
        icon: <FileAddOutlined />,
        content: (
          <>
            {head(e, t('timeline.created'), channel ? <Tag>{format.value('channel', channel)}</Tag> : null)}
            {from && (
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
      // Entries recorded before the server cleaned file names may still hold bidi controls (`evil\u202Egnp.txt`).
      const name = <bdi>{stripBidiControls(e.data.filename)}</bdi>;
      return {
        color: 'gray',
        icon: <PaperClipOutlined />,
        content: head(
          e,
          t('timeline.attached'),
          <a href={attachmentUrl(x.caseId, e.data.attachmentId)} target="_blank" rel="noreferrer">
            {name}
          </a>,
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
            <Link to={`/cases/${e.data.number}`}>{e.data.number}</Link>
            <Tag>{format.value('linkKind', e.data.kind)}</Tag>
          </>,
        ),
      };
    case 'reopened':
      return {
        color: 'orange',
        icon: <RedoOutlined />,
        content: (
          <>
            {head(e, t('timeline.reopened'), <Link to={`/cases/${e.data.newCase.number}`}>{e.data.newCase.number}</Link>)}
            {body(e.body)}
          </>
        ),
      };
    default: {
      const unhandled: never = e;
      throw new Error(`no renderer for ${JSON.stringify(unhandled)}`);
    }
  }
}
