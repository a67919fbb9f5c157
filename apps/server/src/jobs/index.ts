import os from 'node:os';
import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { deliverOutbox } from '../features/notifications/index.ts';
import { backfillClocks, runSlaSweep } from '../features/sla/index.ts';

export interface JobsDeps {
  db: Db;
  config: Config;
  now: () => Date;
  log: { info: (o: object, msg?: string) => void; error: (o: object, msg?: string) => void };
}

/** This process, as named in the outbox's attempt log. */
export const INSTANCE = `${os.hostname()}:${process.pid}`;

/**
 * The background work of one instance: the SLA sweep and outbox delivery, each on its own
 * interval. Several instances may run them at once: both claim their rows with
 * FOR UPDATE SKIP LOCKED, so a clock step or a message is handled by exactly one of them.
 * A run never overlaps the previous run of the same job in this process.
 */
export function startBackgroundJobs(deps: JobsDeps): { stop: () => Promise<void> } {
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const every = (name: string, ms: number, run: () => Promise<unknown>) => {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const p = run()
        .then((result) => {
          if (result && typeof result === 'object' && Object.values(result).some((v) => typeof v === 'number' && v > 0)) {
            deps.log.info({ job: name, ...result }, `${name} done`);
          }
        })
        .catch((e: unknown) => deps.log.error({ job: name, err: e }, `${name} failed`))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    timers.push(setInterval(tick, ms));
    setImmediate(tick);
  };

  const sweepDeps = { db: deps.db, config: deps.config, now: deps.now };
  // Open cases from before deadlines existed get their clocks first, then the sweep runs. A run
  // that fails (the database away, a deadlock past its retries) is logged and tried again at the
  // next tick, the backfill included.
  let backfilled = false;
  every('sla-sweep', deps.config.slaSweepIntervalMs, async () => {
    if (!backfilled) {
      await backfillClocks(sweepDeps);
      backfilled = true;
    }
    return runSlaSweep(sweepDeps);
  });
  every('outbox', deps.config.outboxIntervalMs, () =>
    deliverOutbox({ db: deps.db, config: deps.config, now: deps.now, instance: INSTANCE }),
  );

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
