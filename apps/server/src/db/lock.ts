import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Refreshed by the holder every `heartbeatMs`; absent in locks written before heartbeats existed. */
  heartbeatAt?: string;
}

/** How often a holder refreshes its heartbeat. */
export const LOCK_HEARTBEAT_MS = 10_000;
/** A heartbeat older than this proves the holder gone, whatever its PID or host (six missed beats). */
export const LOCK_STALE_AFTER_MS = 60_000;

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
    heartbeat?: Date,
  ) {
    const sameHost = holder.hostname === os.hostname();
    const beat = heartbeat ? heartbeat.toISOString() : 'unknown';
    const ago = heartbeat ? `${Math.max(0, Math.round((Date.now() - heartbeat.getTime()) / 1000))} s ago` : 'never';
    const takeover = heartbeat ? new Date(heartbeat.getTime() + LOCK_STALE_AFTER_MS).toISOString() : 'unknown';
    super(
      [
        `The data directory ${path.dirname(lockFile)} is in use by another Closeloop process: pid ${holder.pid} on ${holder.hostname}, ` +
          `started ${holder.startedAt}, last heartbeat ${beat} (${ago}).`,
        'The embedded database allows one process only; to run several, use DATABASE_URL with a PostgreSQL server.',
        sameHost
          ? `Check: \`ps -p ${holder.pid} -o pid,args\` on this host; stop that process if it is Closeloop.`
          : `Check: on host ${holder.hostname} (another machine or container), \`ps -p ${holder.pid} -o pid,args\`; stop that process if it is Closeloop.`,
        `If it is gone, the lock is taken over automatically once its heartbeat is older than ${LOCK_STALE_AFTER_MS / 1000} s (at ${takeover}): start again then.`,
        `If you are certain no process uses this directory, delete ${lockFile} and start again.`,
      ].join('\n'),
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** The holder's last sign of life: its heartbeat, or the file's modification time for older locks. */
function heartbeatOf(file: string, holder: LockHolder): Date | undefined {
  const beat = holder.heartbeatAt ? new Date(holder.heartbeatAt) : undefined;
  if (beat && !Number.isNaN(beat.getTime())) return beat;
  try {
    return fs.statSync(file).mtime;
  } catch {
    return undefined;
  }
}

/**
 * Gone for certain: a dead PID on this host, or a heartbeat that stopped. A live PID alone proves
 * nothing after a restart (PIDs are reused, and in a container the new process is often PID 1 again),
 * nor does a PID on another host: the heartbeat decides those.
 */
function isGone(file: string, holder: LockHolder, hostname: string, now: number): boolean {
  if (holder.hostname === hostname && !isAlive(holder.pid)) return true;
  const beat = heartbeatOf(file, holder);
  return beat !== undefined && now - beat.getTime() > LOCK_STALE_AFTER_MS;
}

const sameHolder = (a: LockHolder | undefined, b: LockHolder) =>
  a !== undefined && a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt;

/**
 * Take the exclusive lock on a data directory (PGlite has none of its own; two writers would
 * silently lose rows). The holder refreshes a heartbeat in the file; a lock whose holder is
 * provably gone (see `isGone`) is taken over. Returns a function that releases it.
 */
export function lockDataDir(dir: string, options: { heartbeatMs?: number } = {}): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'closeloop.lock');
  const startedAt = new Date().toISOString();
  const me: LockHolder = { pid: process.pid, hostname: os.hostname(), startedAt, heartbeatAt: startedAt };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return holdLock(file, me, options.heartbeatMs ?? LOCK_HEARTBEAT_MS);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(file);
      if (holder && !isGone(file, holder, me.hostname, Date.now())) {
        throw new DataDirLockedError(file, holder, heartbeatOf(file, holder));
      }
      // The holder is gone: move its lock aside atomically, then retry. If another starter took
      // it over in between, what was moved is that starter's fresh lock: put it back.
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside);
        const moved = readHolder(aside);
        if (holder && moved && !sameHolder(moved, holder)) {
          try {
            fs.linkSync(aside, file);
          } catch {
            // someone else holds a lock there now; the next attempt reads it
          }
        }
        fs.rmSync(aside, { force: true });
      } catch {
        // another process took it over first; the next attempt sees its lock
      }
    }
  }
  const holder = readHolder(file) ?? { pid: -1, hostname: 'unknown', startedAt: 'unknown' };
  throw new DataDirLockedError(file, holder, heartbeatOf(file, holder));
}

/** Refresh the heartbeat while the lock is ours; release on exit. */
function holdLock(file: string, me: LockHolder, heartbeatMs: number): () => void {
  const beat = setInterval(() => {
    if (!sameHolder(readHolder(file), me)) return;
    try {
      fs.writeFileSync(file, JSON.stringify({ ...me, heartbeatAt: new Date().toISOString() }), { mode: 0o600 });
    } catch {
      // a full or read-only disk: the next beat tries again
    }
  }, heartbeatMs);
  beat.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(beat);
    if (sameHolder(readHolder(file), me)) fs.rmSync(file, { force: true });
  };
  process.once('exit', release);
  return release;
}
