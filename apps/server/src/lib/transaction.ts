import type { Db, Tx } from '../db/connection.ts';
import { isTransientConflict } from './sql.ts';

/** How many times a use case's transaction runs again after a deadlock or a serialization failure. */
export const TRANSACTION_RETRIES = 3;

export interface TransactionOptions {
  retries?: number;
  /** Told about each retry (attempt 1 is the first retry), e.g. to log it. */
  onRetry?: (attempt: number, error: unknown) => void;
}

const pause = (attempt: number) => new Promise((r) => setTimeout(r, attempt * (5 + Math.random() * 20)));

/**
 * Run a use case's transaction. When PostgreSQL aborts it as a deadlock victim (40P01) or for a
 * serialization failure (40001), the whole function runs again from the start — at most
 * `TRANSACTION_RETRIES` more times, after a short random pause so the two contenders do not
 * collide again — and the last failure reaches the caller (answered 503 with Retry-After).
 *
 * `fn` must do its work through `tx` only: a failed attempt is rolled back entirely, so running
 * it again duplicates nothing. Work outside the database (files, e-mail) happens before or after
 * the transaction, or through the outbox written inside it.
 */
export async function transaction<T>(ctx: { db: Db }, fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const retries = options.retries ?? TRANSACTION_RETRIES;
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction(fn);
    } catch (e) {
      if (attempt >= retries || !isTransientConflict(e)) throw e;
      options.onRetry?.(attempt + 1, e);
      await pause(attempt + 1);
    }
  }
}
