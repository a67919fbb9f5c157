import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory is in use by another Closeloop process (pid ${holder.pid} on ${holder.hostname}, ` +
        `started ${holder.startedAt}). The embedded database allows one process only: stop that process, ` +
        `or use DATABASE_URL with a PostgreSQL server to run several. Lock file: ${lockFile}`,
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

/**
 * Take the exclusive lock on a data directory (PGlite has none of its own; two writers would
 * silently lose rows). A lock left by a dead process on this host is taken over.
 * Returns a function that releases it.
 */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'closeloop.lock');
  const me: LockHolder = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const holder = readHolder(file);
        if (holder?.pid === me.pid && holder.hostname === me.hostname) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(file);
      if (holder && (holder.hostname !== me.hostname || isAlive(holder.pid))) {
        throw new DataDirLockedError(file, holder);
      }
      // Stale lock from a process that is gone: move it aside atomically, then retry.
      try {
        fs.renameSync(file, `${file}.stale-${process.pid}`);
        fs.rmSync(`${file}.stale-${process.pid}`, { force: true });
      } catch {
        // another process took it over first; the next attempt sees its lock
      }
    }
  }
  const holder = readHolder(file) ?? { pid: -1, hostname: 'unknown', startedAt: 'unknown' };
  throw new DataDirLockedError(file, holder);
}
