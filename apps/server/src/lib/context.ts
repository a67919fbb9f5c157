import type { Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from './actor.ts';

/** What the application is built from: main.ts and tests each provide one. */
export interface AppDeps {
  database: Database;
  config: Config;
  /** Injected so tests control time; defaults to the system clock. */
  clock?: () => Date;
  /** Folder of the built web app; `null` serves none; default: apps/web/dist when built. */
  webDist?: string | null;
}

/** What a service function receives: the dependencies and the caller. */
export interface Ctx {
  db: Database['db'];
  config: Config;
  now: () => Date;
  actor: Actor | undefined;
}

/** Ctx once the caller is known. */
export interface ActorCtx extends Ctx {
  actor: Actor;
}
