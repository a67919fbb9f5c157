import { SwapOutlined } from '@ant-design/icons';
import type { EventView } from '@closeloop/domain';
import { renderCaseEntry } from './events/case-events.tsx';
import { renderDispositionEntry } from './events/disposition-events.tsx';
import { renderQualityEntry } from './events/quality-events.tsx';
import { renderSlaEntry } from './events/sla-events.tsx';
import { type EventRendering, type EventTools, useEventTools } from './events/tools.tsx';
import type { useFieldFormat } from './format.ts';

/** An entry shown by its kind's name and body alone: a stored row the server could not type, or a kind this build does not know. */
function renderPlain(e: EventView, kind: string, x: EventTools): EventRendering {
  return {
    color: 'gray',
    icon: <SwapOutlined />,
    content: (
      <>
        {x.head(e, kind)}
        {x.body(e.body)}
      </>
    ),
  };
}

/**
 * One timeline entry: its dot colour and icon, and what it says. Every kind of the domain union has
 * a renderer (`events/`, one module per group of kinds); a kind without one fails the typecheck here.
 */
export function useEventItem(format: ReturnType<typeof useFieldFormat>, caseId: string) {
  const x = useEventTools(format, caseId);
  return (e: EventView): EventRendering => {
    switch (e.kind) {
      case 'created':
      case 'updated':
      case 'commented':
      case 'transition':
      case 'linked':
      case 'reopened':
      case 'attachment_added':
        return renderCaseEntry(e, x);
      case 'assigned_by_rule':
      case 'clocks_reset':
      case 'site_arrived':
      case 'sla_warning':
      case 'sla_breached':
      case 'sla_escalated':
        return renderSlaEntry(e, x);
      case 'disposition_proposed':
      case 'disposition_approval_requested':
      case 'disposition_approved':
      case 'disposition_refused':
      case 'disposition_updated':
      case 'service_memo_signed':
        return renderDispositionEntry(e, x);
      case 'cost_recorded':
      case 'cost_recovered':
      case 'investigation_updated':
      case 'investigation_reported':
      case 'investigation_reviewed':
        return renderQualityEntry(e, x);
      case 'unrecognized':
        return renderPlain(e, e.recordedKind, x);
      default: {
        // A newer server may send a kind this build does not know yet: shown plainly rather than failing the page.
        const unknown: never = e;
        const entry = unknown as EventView;
        return renderPlain(entry, entry.kind, x);
      }
    }
  };
}
