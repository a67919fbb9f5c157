import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { DataDirLockedError, lockDataDir } from '../src/db/lock.ts';
import { rowsOf } from '../src/lib/sql.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-db-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('embedded database directory', () => {
  it('refuses a second opener, naming the holder, and keeps data across reopen', async () => {
    const dir = tmp();
    const first = await openDatabase({ kind: 'embedded', dataDir: dir });
    await first.db.execute(sql`CREATE TABLE IF NOT EXISTS probe (v text)`);
    await first.db.execute(sql`INSERT INTO probe VALUES ('数据保留')`);
    let error: unknown;
    try {
      await openDatabase({ kind: 'embedded', dataDir: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`pid ${process.pid}`);
    await first.close();
    expect(fs.existsSync(path.join(dir, 'closeloop.lock'))).toBe(false);

    const again = await openDatabase({ kind: 'embedded', dataDir: dir });
    const rows = rowsOf<{ v: string }>(await again.db.execute(sql`SELECT v FROM probe`));
    expect(rows[0]?.v).toBe('数据保留');
    await again.close();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'closeloop.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, hostname: os.hostname(), startedAt: 'earlier' }),
    );
    const release = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'closeloop.lock'), 'utf8')).pid).toBe(process.pid);
    release();
  });

  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const writeLock = (dir: string, holder: object) => fs.writeFileSync(path.join(dir, 'closeloop.lock'), JSON.stringify(holder));
  const holderOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'closeloop.lock'), 'utf8'));

  it('takes over a lock from another host whose heartbeat stopped (a container restarted on a persistent volume)', () => {
    const dir = tmp();
    writeLock(dir, { pid: 1, hostname: 'old-container-7f9c', startedAt: minutesAgo(60), heartbeatAt: minutesAgo(5) });
    const release = lockDataDir(dir);
    expect(holderOf(dir)).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(Date.now() - Date.parse(holderOf(dir).heartbeatAt)).toBeLessThan(60_000);
    release();
    expect(fs.existsSync(path.join(dir, 'closeloop.lock'))).toBe(false);
  });

  it('takes over a lock whose PID now belongs to an unrelated live process (PID reused) once its heartbeat is old', () => {
    const dir = tmp();
    // PID 1 is alive on every host, but this lock's holder stopped refreshing it five minutes ago.
    writeLock(dir, { pid: 1, hostname: os.hostname(), startedAt: minutesAgo(60), heartbeatAt: minutesAgo(5) });
    const release = lockDataDir(dir);
    expect(holderOf(dir).pid).toBe(process.pid);
    release();
  });

  it('refuses a live holder with a fresh heartbeat and says who holds it, how to check and what to delete', () => {
    for (const hostname of [os.hostname(), 'other-host-42']) {
      const dir = tmp();
      const heartbeatAt = new Date(Date.now() - 5_000).toISOString();
      writeLock(dir, { pid: 1, hostname, startedAt: minutesAgo(60), heartbeatAt });
      let error: unknown;
      try {
        lockDataDir(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataDirLockedError);
      const message = (error as Error).message;
      expect(message).toContain(`pid 1 on ${hostname}`);
      expect(message).toContain(heartbeatAt);
      expect(message).toContain(path.join(dir, 'closeloop.lock'));
      // When the lock would be taken over, and how to check the holder.
      expect(message).toMatch(/taken over automatically/);
      expect(message).toMatch(/ps -p 1/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(holderOf(dir).pid).toBe(1);
    }
  });

  it('keeps its heartbeat fresh while it holds the lock', async () => {
    const dir = tmp();
    const release = lockDataDir(dir, { heartbeatMs: 20 });
    const first = holderOf(dir).heartbeatAt;
    await new Promise((r) => setTimeout(r, 120));
    expect(Date.parse(holderOf(dir).heartbeatAt)).toBeGreaterThan(Date.parse(first));
    release();
  });
});

describe('configuration', () => {
  it('applies the defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', timeZone: 'Asia/Shanghai', databaseUrl: undefined });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', TIME_ZONE: 'Mars/Olympus', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'TIME_ZONE', 'DATABASE_URL', 'LOG_LEVEL']) expect(message).toContain(name);
  });
});
