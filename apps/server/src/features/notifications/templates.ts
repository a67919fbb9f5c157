import { type CustomerMessageKind, NOTIFICATION_KINDS, type NotificationKind, type NotificationParams } from '@closeloop/domain';

export type MessageLocale = 'zh-CN' | 'en-US';
export type MessageKind = NotificationKind | CustomerMessageKind;

/** A message ready to send: plain text and a small HTML version of the same words. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export interface TemplateOptions {
  /** The reader's time zone (TIME_ZONE): due times are shown in it. */
  timeZone: string;
  /** Where the app is reached from outside; staff mails link to the case when set. */
  publicUrl?: string | undefined;
}

/** A paragraph, or a bulleted list when an array. */
type Block = string | string[];

interface Draft {
  subject: string;
  blocks: Block[];
  link?: { label: string; href: string } | undefined;
  /** Lines under the message (sign-off), kept together. */
  signature?: string[];
}

const CLOCK_LABELS: Record<MessageLocale, Record<string, string>> = {
  'zh-CN': { acknowledge: '受理确认', first_reply: '首次答复', on_site: '到达现场', resolve: '结案' },
  'en-US': { acknowledge: 'Acknowledgement', first_reply: 'First reply', on_site: 'On-site arrival', resolve: 'Resolution' },
};

const SUBJECT_TITLE_MAX = 60;

/** `2026-11-23 17:30 (UTC+8)`: the instant in the reader's time zone, with the zone's offset. */
export function formatDueAt(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const zone =
    part('timeZoneName')
      .replace(/^GMT/, 'UTC')
      .replace(/^UTC\+0$/, 'UTC') || 'UTC';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${zone})`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Header text on one line (no CR/LF from user input), long titles shortened. */
const oneLine = (s: string, max = Number.POSITIVE_INFINITY) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
};

function clockLabel(locale: MessageLocale, clock: string | undefined): string {
  if (!clock) return locale === 'zh-CN' ? '处理' : 'Handling';
  return CLOCK_LABELS[locale][clock] ?? clock;
}

function caseLink(locale: MessageLocale, p: NotificationParams, o: TemplateOptions): Draft['link'] {
  if (!o.publicUrl || !p.caseNumber) return undefined;
  return {
    label: locale === 'zh-CN' ? '查看案件' : 'Open the case',
    href: `${o.publicUrl}/cases/${encodeURIComponent(p.caseNumber)}`,
  };
}

function staffDraft(kind: NotificationKind, locale: MessageLocale, p: NotificationParams, o: TemplateOptions): Draft {
  const n = p.caseNumber ?? '';
  const title = p.caseTitle ? oneLine(p.caseTitle) : '';
  const shortTitle = p.caseTitle ? oneLine(p.caseTitle, SUBJECT_TITLE_MAX) : '';
  const clock = clockLabel(locale, p.clock);
  const due = p.dueAt ? formatDueAt(p.dueAt, o.timeZone) : undefined;
  const level = p.level ?? 1;
  const link = caseLink(locale, p, o);
  const d = p.dispositionNumber ?? '';
  const money = p.amount !== undefined ? `¥${p.amount.toFixed(2)}` : '';
  if (locale === 'zh-CN') {
    const named = title ? `案件 ${n}「${title}」` : `案件 ${n}`;
    const reason = p.reason ? [`原因：${p.reason}`] : [];
    switch (kind) {
      case 'case_assigned':
        return {
          subject: `[Closeloop] 案件 ${n} 已分派给您${shortTitle ? `：${shortTitle}` : ''}`,
          blocks: [
            p.actorName ? `${p.actorName} 将${named}分派给您。` : `${named}已分派给您。`,
            ...reason,
            ...(due ? [`${clock}期限：${due}`] : []),
          ],
          link,
        };
      case 'sla_warning':
        return {
          subject: `[Closeloop] 即将超时：案件 ${n} ${clock}`,
          blocks: [`${named}的${clock}期限即将到达${due ? `（截止 ${due}）` : ''}，请尽快处理。`, ...reason],
          link,
        };
      case 'sla_breached':
        return {
          subject: `[Closeloop] 已超时：案件 ${n} ${clock}`,
          blocks: [`${named}的${clock}期限已过${due ? `（截止 ${due}）` : ''}，已记为超时。请立即处理。`, ...reason],
          link,
        };
      case 'sla_escalated':
        return {
          subject: `[Closeloop] 超时升级（第 ${level} 级）：案件 ${n}`,
          blocks: [`${named}的${clock}已超时${due ? `（截止 ${due}）` : ''}，现升级至第 ${level} 级，请您关注并督促处理。`, ...reason],
          link,
        };
      case 'approval_requested':
        return {
          subject: `[Closeloop] 待您审批：处置方案 ${d}${money ? `（${money}）` : ''}`,
          blocks: [
            `${p.actorName ? `${p.actorName} 提交了` : ''}${named}的处置方案 ${d}${money ? `，金额 ${money}` : ''}，按核决权限需您审批。`,
            ...reason,
          ],
          link,
        };
      default: {
        const exhaustive: never = kind;
        return exhaustive;
      }
    }
  }
  const named = title ? `case ${n} "${title}"` : `case ${n}`;
  const Named = title ? `Case ${n} "${title}"` : `Case ${n}`;
  const reason = p.reason ? [`Reason: ${p.reason}`] : [];
  switch (kind) {
    case 'case_assigned':
      return {
        subject: `[Closeloop] Case ${n} assigned to you${shortTitle ? `: ${shortTitle}` : ''}`,
        blocks: [
          p.actorName ? `${p.actorName} assigned ${named} to you.` : `${Named} has been assigned to you.`,
          ...reason,
          ...(due ? [`${clock} due: ${due}`] : []),
        ],
        link,
      };
    case 'sla_warning':
      return {
        subject: `[Closeloop] Due soon: ${clock} for case ${n}`,
        blocks: [`The ${clock} deadline of ${named} is near${due ? ` (due ${due})` : ''}. Please act soon.`, ...reason],
        link,
      };
    case 'sla_breached':
      return {
        subject: `[Closeloop] Overdue: ${clock} for case ${n}`,
        blocks: [`${Named} missed its ${clock} deadline${due ? ` (due ${due})` : ''}; the breach is on record. Please act now.`, ...reason],
        link,
      };
    case 'sla_escalated':
      return {
        subject: `[Closeloop] Escalation level ${level}: case ${n}`,
        blocks: [
          `${Named} is overdue on ${clock}${due ? ` (due ${due})` : ''} and has been escalated to level ${level}. Please follow it up.`,
          ...reason,
        ],
        link,
      };
    case 'approval_requested':
      return {
        subject: `[Closeloop] Waiting for your approval: disposition ${d}${money ? ` (${money})` : ''}`,
        blocks: [
          `${p.actorName ? `${p.actorName} submitted` : 'Submitted:'} disposition ${d} of ${named}${money ? ` for ${money}` : ''}; by the approval matrix it needs your decision.`,
          ...reason,
        ],
        link,
      };
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

function customerDraft(kind: CustomerMessageKind, locale: MessageLocale, p: NotificationParams, o: TemplateOptions): Draft {
  const n = p.caseNumber ?? '';
  const title = p.caseTitle ? oneLine(p.caseTitle) : '';
  const due = p.dueAt ? formatDueAt(p.dueAt, o.timeZone) : undefined;
  const company = p.companyName ? oneLine(p.companyName) : '';
  switch (kind) {
    case 'customer_acknowledgement':
      if (locale === 'zh-CN') {
        return {
          subject: `${company ? `【${company}】` : ''}我们已收到您的反馈（案件编号 ${n}）`,
          blocks: [
            `尊敬的${p.customerName ? oneLine(p.customerName) : '客户'}：`,
            `您好！我们已收到您的反馈，并已登记为案件 ${n}${title ? `（${title}）` : ''}。今后就此事联系我们时，请注明该编号。`,
            '接下来：我们将调查分析问题原因，并尽快给您答复。',
            ...(due ? [`预计答复时间：${due} 之前。`] : []),
            '为加快处理，我们可能需要您提供：',
            ['问题部位的照片或视频', '产品序列号或批次号', '订单号'],
            '如已备好，直接回复本邮件即可。',
          ],
          signature: ['此致', company ? `${company} 客户服务部` : '客户服务部'],
        };
      }
      return {
        subject: `${company ? `[${company}] ` : ''}We have received your feedback (case number ${n})`,
        blocks: [
          `Dear ${p.customerName ? oneLine(p.customerName) : 'customer'},`,
          `Thank you for contacting us. We have received your feedback and registered it as case ${n}${title ? ` ("${title}")` : ''}. Please quote this number whenever you write to us about it.`,
          'What happens next: we will investigate the cause and reply to you.',
          ...(due ? [`Expected reply by: ${due}.`] : []),
          'To resolve it faster, we may ask you for:',
          ['photos or a video of the problem', "the product's serial or batch number", 'your order number'],
          'If you have them at hand, simply reply to this e-mail.',
        ],
        signature: ['Kind regards,', company ? `${company} Customer Service` : 'Customer Service'],
      };
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

function toText(d: Draft): string {
  const blocks = d.blocks.map((b) => (Array.isArray(b) ? b.map((item) => `- ${item}`).join('\n') : b));
  if (d.link) blocks.push(`${d.link.label}: ${d.link.href}`);
  if (d.signature) blocks.push(d.signature.join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

function toHtml(d: Draft): string {
  const e = escapeHtml;
  const parts = d.blocks.map((b) => (Array.isArray(b) ? `<ul>${b.map((item) => `<li>${e(item)}</li>`).join('')}</ul>` : `<p>${e(b)}</p>`));
  if (d.link) parts.push(`<p><a href="${e(d.link.href)}">${e(d.link.label)}</a></p>`);
  if (d.signature) parts.push(`<p>${d.signature.map(e).join('<br>')}</p>`);
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>${parts.join('\n')}</body></html>`;
}

const isNotificationKind = (kind: MessageKind): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind);

/** Render a message in the reader's language; every value is escaped in the HTML. */
export function renderMessage(
  kind: MessageKind,
  locale: MessageLocale,
  params: NotificationParams,
  options: TemplateOptions,
): RenderedMessage {
  const draft = isNotificationKind(kind) ? staffDraft(kind, locale, params, options) : customerDraft(kind, locale, params, options);
  return { subject: oneLine(draft.subject), text: toText(draft), html: toHtml(draft) };
}
