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
