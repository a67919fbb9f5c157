import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { transaction } from '../../lib/transaction.ts';
import { describeError, isPermanentFailure, messageIdFor, sendEmail, type Transporter, transportFor } from './mailer.ts';
import * as repo from './repository.ts';

export interface OutboxWorkerDeps {
  db: Db;
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  /** The clock for every time the worker writes and compares (tests pin it). */
  now: () => Date;
  /** Names this process in the lease and the attempt log, e.g. `hostname:pid`. */
  instance: string;
  /** Overrides the transport made from `config.smtpUrl`. */
  transport?: Transporter;
}

export interface DeliveryResult {
  sent: number;
  /** Attempts that failed: rescheduled or given up. */
  failed: number;
  skipped: number;
}

/** How long a claimed message stays ours; a worker that dies lets it go after this. */
export const LEASE_MS = 2 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;
const DEFAULT_BATCH = 20;
const NO_SMTP = 'no SMTP server configured (SMTP_URL); retry once it is set';

/** Wait before attempt `attempt + 1` after attempt `attempt` failed: 30 s, 1 min, 2 min … at most 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
}

const EmailPayload = z.object({ to: z.string().min(3), subject: z.string(), text: z.string(), html: z.string() });

type Outcome =
  | { kind: 'sent'; detail: string }
  | { kind: 'skipped'; detail: string }
  | { kind: 'error'; detail: string; permanent: boolean };

async function attempt(row: repo.OutboxRow, deps: OutboxWorkerDeps, transport: Transporter | undefined): Promise<Outcome> {
  if (row.kind !== 'email') return { kind: 'error', detail: `no delivery for outbox kind "${row.kind}"`, permanent: true };
  const payload = EmailPayload.safeParse(row.payload);
  if (!payload.success) return { kind: 'error', detail: `malformed e-mail payload: ${payload.error.message}`, permanent: true };
  if (!transport) return { kind: 'skipped', detail: NO_SMTP };
  try {
    const detail = await sendEmail(transport, {
      from: deps.config.mailFrom,
      messageId: messageIdFor(row.id, row.dedupeKey, deps.config.mailFrom),
      message: payload.data,
    });
    return { kind: 'sent', detail };
  } catch (error) {
    return { kind: 'error', detail: describeError(error), permanent: isPermanentFailure(error) };
  }
}

/**
 * Deliver the messages that are due, once. Claims a batch in one statement (FOR UPDATE SKIP
 * LOCKED: instances running together take disjoint rows), then sends each and records the
 * outcome with an attempt row. A message is sent again only after an attempt failed (or its
 * worker died holding the lease); the stable Message-ID lets receivers drop such a copy.
 */
export async function deliverOutbox(deps: OutboxWorkerDeps, options: { limit?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, skipped: 0 };
  const claimedAt = deps.now();
  const claimed = await repo.claimDueOutbox(deps.db, {
    now: claimedAt,
    lockedUntil: new Date(claimedAt.getTime() + LEASE_MS),
    instance: deps.instance,
    limit: options.limit ?? DEFAULT_BATCH,
  });
  const transport = deps.transport ?? (deps.config.smtpUrl ? transportFor(deps.config.smtpUrl) : undefined);

  for (const row of claimed.sort((a, b) => a.id - b.id)) {
    // A fresh lease per message, so a slow batch does not let another instance take the later ones.
    if (!(await repo.renewLease(deps.db, row.id, deps.instance, new Date(deps.now().getTime() + LEASE_MS)))) continue;
    const outcome = await attempt(row, deps, transport);
    const at = deps.now();
    const log = { attempt: row.attempts, at, detail: outcome.detail };
    // Only the record of the attempt runs again after a deadlock; the e-mail went out once, above.
    await transaction(deps, async (tx) => {
      if (outcome.kind === 'sent') {
        await repo.finishAttempt(tx, {
          id: row.id,
          instance: deps.instance,
          values: { status: 'sent', sentAt: at, lastError: null },
          attempt: { ...log, ok: true },
        });
      } else if (outcome.kind === 'skipped') {
        await repo.finishAttempt(tx, {
          id: row.id,
          instance: deps.instance,
          values: { status: 'skipped', lastError: outcome.detail },
          attempt: { ...log, ok: false },
        });
      } else {
        const retry = !outcome.permanent && row.attempts < row.maxAttempts;
        await repo.finishAttempt(tx, {
          id: row.id,
          instance: deps.instance,
          values: retry
            ? { status: 'pending', availableAt: new Date(at.getTime() + retryDelayMs(row.attempts)), lastError: outcome.detail }
            : { status: 'failed', lastError: outcome.detail },
          attempt: { ...log, ok: false },
        });
      }
    });
    if (outcome.kind === 'sent') result.sent += 1;
    else if (outcome.kind === 'skipped') result.skipped += 1;
    else result.failed += 1;
  }
  return result;
}
