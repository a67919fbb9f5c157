import nodemailer, { type Transporter } from 'nodemailer';
import { sha256 } from '../../lib/tokens.ts';

export type { Transporter } from 'nodemailer';

/** What the outbox holds for an e-mail: rendered at enqueue time in the reader's language. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Socket limits well inside the worker's 2-minute lease, so a hanging server ends in an error
 * (and a retry) instead of outliving the lease and letting another instance send the message too.
 */
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000, dnsTimeout: 10_000 };

const transports = new Map<string, Transporter>();

/** The transport for an SMTP URL (`smtp://user:pass@host:587`, `smtps://…:465`), created once per URL. */
export function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/**
 * A Message-ID that is the same on every attempt of one outbox row: if a process dies after the
 * server accepted the message but before the outcome was recorded, the resent copy carries the
 * same id and a receiving system can drop the duplicate.
 */
export function messageIdFor(outboxId: number, dedupeKey: string, mailFrom: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'closeloop.invalid';
  return `<outbox-${outboxId}.${sha256(dedupeKey).slice(0, 16)}@${domain}>`;
}

/** Send one message; answers the server's reply (e.g. `250 2.0.0 Ok: queued as …`). */
export async function sendEmail(
  transport: Transporter,
  input: { from: string; messageId: string; message: EmailMessage },
): Promise<string> {
  const info = await transport.sendMail({
    from: input.from,
    to: input.message.to,
    subject: input.message.subject,
    text: input.message.text,
    html: input.message.html,
    messageId: input.messageId,
    // RFC 3834: tells auto-responders (out-of-office) not to answer.
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return typeof info.response === 'string' ? info.response : 'accepted';
}

interface SmtpError {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

/**
 * Permanent: the server answered 5xx, or nodemailer refused the envelope itself (an invalid
 * address) — trying again cannot help. Everything else (4xx, refused connection, timeout) is
 * worth another attempt later.
 */
export function isPermanentFailure(error: unknown): boolean {
  const e = (error ?? {}) as SmtpError;
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600;
  return e.code === 'EENVELOPE';
}

/** One line for the attempt log: the server's reply when there is one. */
export function describeError(error: unknown): string {
  const e = (error ?? {}) as SmtpError;
  const text = typeof e.response === 'string' && e.response ? e.response : String(e.message ?? error);
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  return `${code}${text}`.slice(0, 1000);
}
