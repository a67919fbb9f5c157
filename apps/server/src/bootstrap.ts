import { createFirstAdministrator, seedAccessDefaults } from './features/auth/index.ts';
import { seedDeadlineDefaults } from './features/sla/index.ts';
import type { Ctx } from './lib/context.ts';

/**
 * First start (and every start: each step is idempotent): each feature seeds its own defaults —
 * roles and departments, the working-day calendar with the shipped Chinese holidays and the
 * default SLA policies (PROCEDURE.md §4) — then the first administrator is created when no user
 * exists. Returns the generated password (once) when none was configured.
 */
export async function bootstrap(ctx: Ctx) {
  await seedAccessDefaults(ctx);
  await seedDeadlineDefaults(ctx);
  return createFirstAdministrator(ctx);
}
