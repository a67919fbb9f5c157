import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.ts';
import { rowsOf } from '../src/lib/sql.ts';

/**
 * The maintenance commands as a person runs them: separate processes on an embedded data
 * directory. They never touch DATABASE_URL, so this file behaves the same in the PostgreSQL CI run.
 */

/** Each command starts a process that compiles TypeScript and opens PGlite: seconds, not milliseconds. */
const SLOW = 120_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(command: 'migrate' | 'backup' | 'restore' | 'demo', args: string[], env: Record<string, string>): Promise<Result> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...env };
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  delete childEnv.INIT_CWD;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `apps/server/src/cli/${command}.ts`, ...args], { cwd: ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A stack trace has lines like "    at main (file.ts:1:2)". */
const hasStack = (text: string) => /^\s+at .+:\d+:\d+\)?$/m.test(text);

async function countCases(dataDir: string) {
  const database = await openDatabase({ kind: 'embedded', dataDir });
  try {
    return Number(rowsOf<{ n: number }>(await database.db.execute(sql`SELECT count(*)::int AS n FROM cases`))[0]?.n);
  } finally {
    await database.close();
  }
}

describe('npm run db:migrate', () => {
  it(
    'creates the schema in an empty data directory, then finds nothing to do',
    async () => {
      const dataDir = path.join(tmp(), 'data');
      const first = await cli('migrate', [], { DATA_DIR: dataDir });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain(`Database is up to date: embedded in ${path.join(dataDir, 'pgdata')}`);
      expect(first.stdout).toContain('created the schema: 0000_extensions');
      const second = await cli('migrate', [], { DATA_DIR: dataDir });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain('nothing to apply');
      expect(fs.existsSync(path.join(dataDir, 'closeloop.lock'))).toBe(false);
    },
    SLOW,
  );

  it(
    'stops on a bad setting with a message naming it, and no stack trace',
    async () => {
      const result = await cli('migrate', [], { DATA_DIR: tmp(), PORT: 'abc' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Invalid configuration');
      expect(result.stderr).toContain('PORT');
      expect(hasStack(result.stderr)).toBe(false);
    },
    SLOW,
  );
});

describe('npm run db:backup and db:restore', () => {
  it(
    'carries cases and attachments over to another data directory',
    async () => {
      const work = tmp();
      const source = path.join(work, 'source');
      const seeded = await cli('demo', ['--cases', '20'], { DATA_DIR: source, CLOSELOOP_ADMIN_PASSWORD: 'admin-password-for-tests' });
      expect(seeded.code, seeded.stderr).toBe(0);
      expect(seeded.stdout).toContain('Cases by status');
      const again = await cli('demo', ['--cases', '5'], { DATA_DIR: source });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already holds');
      expect(hasStack(again.stderr)).toBe(false);
      const stored = path.join(source, 'attachments', 'ab', 'cd', 'abcd0123');
      fs.mkdirSync(path.dirname(stored), { recursive: true });
      fs.writeFileSync(stored, '现场照片 photo bytes');
      const cases = await countCases(source);
      expect(cases).toBeGreaterThanOrEqual(20);

      const archive = path.join(work, 'backups', 'nightly.tar.gz');
      const backup = await cli('backup', [archive], { DATA_DIR: source });
      expect(backup.code, backup.stderr).toBe(0);
      const attachmentsArchive = path.join(work, 'backups', 'nightly.attachments.tar.gz');
      expect(backup.stdout).toContain(archive);
      expect(backup.stdout).toContain(attachmentsArchive);
      expect(backup.stdout).toContain(`${cases} cases`);
      for (const f of [archive, attachmentsArchive]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
      const refused = await cli('backup', [archive], { DATA_DIR: source });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('already exists');

      const target = path.join(work, 'target');
      const restore = await cli('restore', [archive], { DATA_DIR: target });
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stdout).toContain(`${cases} cases`);
      expect(await countCases(target)).toBe(cases);
      expect(fs.readFileSync(path.join(target, 'attachments', 'ab', 'cd', 'abcd0123'), 'utf8')).toBe('现场照片 photo bytes');

      const over = await cli('restore', [archive], { DATA_DIR: target });
      expect(over.code).toBe(1);
      expect(over.stderr).toContain('--force');
      const forced = await cli('restore', [archive, '--force'], { DATA_DIR: target });
      expect(forced.code, forced.stderr).toBe(0);
      expect(fs.readdirSync(target).filter((f) => f.startsWith('pgdata.before-restore-'))).toHaveLength(1);
      expect(await countCases(target)).toBe(cases);
    },
    SLOW,
  );

  it(
    'refuses to back up while the database is open elsewhere',
    async () => {
      const dataDir = tmp();
      const database = await openDatabase({ kind: 'embedded', dataDir });
      const archive = path.join(dataDir, 'while-open.tar.gz');
      try {
        const result = await cli('backup', [archive], { DATA_DIR: dataDir });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`pid ${process.pid}`);
        expect(result.stderr).toContain('Stop Closeloop first');
        expect(hasStack(result.stderr)).toBe(false);
        expect(fs.existsSync(archive)).toBe(false);
      } finally {
        await database.close();
      }
    },
    SLOW,
  );

  it(
    'points to pg_dump when DATABASE_URL is set',
    async () => {
      const result = await cli('backup', [], { DATA_DIR: tmp(), DATABASE_URL: 'postgres://closeloop@127.0.0.1:1/closeloop' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('pg_dump -Fc "$DATABASE_URL"');
      expect(hasStack(result.stderr)).toBe(false);
    },
    SLOW,
  );
});
