import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The database drops the server's connections under load — backends terminated, then the whole
 * cluster stopped with `pg_ctl stop -m immediate` and started again. The server process must live
 * through it, answer 503 with Retry-After (never 500) while the database is away, serve again
 * once it is back, and lose no acknowledged case nor leave a gap in the numbers.
 *
 * Runs in the PostgreSQL pass (DATABASE_URL set) on a throwaway cluster of its own, since it stops
 * it; skipped without PostgreSQL's binaries.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PASSWORD = 'faults-admin-password';
const pgBin = (() => {
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
    const bin = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).findLast((b) => fs.existsSync(`${b}/pg_ctl`));
    return bin;
  } catch {
    return undefined;
  }
})();
const enabled = Boolean(process.env.DATABASE_URL && pgBin);
const asRoot = process.getuid?.() === 0;

/** Run a PostgreSQL binary, as the postgres user when we are root (initdb refuses root). */
const pgRun = (tool: string, args: string[]) =>
  asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', `${pgBin}/${tool}`, ...args], { stdio: 'pipe' })
    : execFileSync(`${pgBin}/${tool}`, args, { stdio: 'pipe' });

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  at: number;
  what: string;
  status: number;
  retryAfter: string | null;
  type: string | null;
}

describe.skipIf(!enabled)('database connections lost under load (throwaway PostgreSQL cluster)', () => {
  let dir: string;
  let port: number;
  let dbUrl: string;
  let child: ChildProcess;
  let base: string;
  const output: string[] = [];

  const pgCtl = (...args: string[]) => pgRun('pg_ctl', ['-D', dir, ...args]);
  const startCluster = () =>
    pgCtl(
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
    );
  /** A short-lived connection of the test's own, never one of the server's. */
  const query = async <T extends pg.QueryResultRow>(sql: string, database = 'closeloop'): Promise<T[]> => {
    const c = new pg.Client({ connectionString: `postgres://closeloop@127.0.0.1:${port}/${database}` });
    c.on('error', () => {});
    await c.connect();
    try {
      return (await c.query<T>(sql)).rows;
    } finally {
      await c.end().catch(() => {});
    }
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-faults-pg-'));
    if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
    pgRun('initdb', ['-D', dir, '-U', 'closeloop', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    port = await freePort();
    startCluster();
    await query('CREATE DATABASE closeloop', 'postgres');
    dbUrl = `postgres://closeloop@127.0.0.1:${port}/closeloop`;

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-faults-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        DATA_DIR: dataDir,
        CLOSELOOP_ADMIN_PASSWORD: PASSWORD,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // The background jobs run often, so the outage hits them too.
        SLA_SWEEP_INTERVAL_MS: '200',
        OUTBOX_INTERVAL_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        const m = /running at (http:\/\/[\d.:]+)/.exec(output.join(''));
        if (m) {
          clearTimeout(timer);
          resolve(m[1] as string);
        }
      });
      child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output.join('')}`));
      });
    });
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
    if (dir) {
      try {
        pgCtl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps serving through terminated backends and a cluster restart, 503 while away, nothing acknowledged lost', async () => {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const answers: Answer[] = [];
    const unreachable: string[] = [];
    const call = async (what: string, method: string, p: string, body?: unknown) => {
      try {
        const r = await fetch(`${base}${p}`, {
          method,
          headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? null : JSON.stringify(body),
        });
        const text = await r.text();
        answers.push({
          at: Date.now(),
          what,
          status: r.status,
          retryAfter: r.headers.get('retry-after'),
          type: r.headers.get('content-type'),
        });
        return { status: r.status, json: () => JSON.parse(text) };
      } catch (e) {
        unreachable.push(`${what}: ${(e as Error).message}`);
        return { status: 0, json: () => ({}) };
      }
    };

    // Acknowledged cases: id → number.
    const acknowledged = new Map<string, string>();
    const known: { id: string; version: number }[] = [];
    let stop = false;
    let n = 0;
    const worker = async (w: number) => {
      while (!stop) {
        n++;
        const created = await call('create', 'POST', '/api/v1/cases', { type: 'inquiry', title: `故障测试 ${w}-${n}`, channel: 'phone' });
        if (created.status === 201) {
          const c = created.json() as { id: string; number: string; version: number };
          acknowledged.set(c.id, c.number);
          known.push({ id: c.id, version: c.version });
        }
        const target = known[Math.floor(Math.random() * known.length)];
        if (target) {
          const edited = await call('edit', 'PATCH', `/api/v1/cases/${target.id}`, {
            version: target.version,
            description: `第 ${n} 次修改`,
          });
          if (edited.status === 200) target.version = (edited.json() as { version: number }).version;
          await call('comment', 'POST', `/api/v1/cases/${target.id}/comments`, { body: `备注 ${n}`, visibility: 'internal' });
        }
        await call('list', 'GET', '/api/v1/cases?pageSize=5');
        if (created.status !== 201) await sleep(50);
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));

    await sleep(1500);
    const terminatingAt = Date.now();
    // 1. Terminate the server's backends, three times, under load.
    let terminated = 0;
    for (let i = 0; i < 3; i++) {
      const rows = await query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = 'closeloop' AND pid <> pg_backend_pid()`,
      );
      terminated += rows[0]?.n ?? 0;
      await sleep(700);
    }
    // 2. Crash the whole cluster, keep it away for two seconds, start it again.
    const stoppedAt = Date.now();
    pgCtl('-m', 'immediate', 'stop');
    await sleep(2000);
    startCluster();
    const startedAt = Date.now();
    // 3. Load goes on until a case is created again (bounded), then a little longer.
    const deadline = startedAt + 60_000;
    while (!answers.some((a) => a.at > startedAt && a.what === 'create' && a.status === 201) && Date.now() < deadline) await sleep(100);
    const recovered = answers.find((a) => a.at > startedAt && a.what === 'create' && a.status === 201);
    await sleep(1000);
    stop = true;
    await Promise.all(workers);

    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    const unavailable = answers.filter((a) => a.status === 503);
    const within = (from: number, to: number) => unavailable.filter((a) => a.at >= from && a.at < to).length;
    const recoveredAt = recovered?.at ?? Date.now();
    console.info(
      `faults: ${answers.length} requests, by status ${JSON.stringify(Object.fromEntries(byStatus))}; ` +
        `503s: ${within(0, terminatingAt)} before, ${within(terminatingAt, stoppedAt)} while backends were terminated, ` +
        `${within(stoppedAt, recoveredAt)} from the crash to the first new case, ${within(recoveredAt, Infinity)} after; ` +
        `${terminated} backends terminated; cluster away ${startedAt - stoppedAt} ms; ` +
        `first case created ${recovered ? recovered.at - startedAt : 'never'} ms after the restart; ${acknowledged.size} cases acknowledged`,
    );

    // The process lived through it, and every request got an HTTP answer.
    expect(child.exitCode, output.join('')).toBeNull();
    expect(unreachable).toEqual([]);
    expect(output.join('')).not.toMatch(/Unhandled 'error' event|uncaught/i);
    // While the database was away: 503 problem+json with Retry-After, never 500.
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const a of unavailable) {
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      expect(a.type).toMatch(/^application\/problem\+json/);
    }
    expect(recovered).toBeDefined();

    // Serving again: health, and a new case.
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    const again = await call('create', 'POST', '/api/v1/cases', {
      type: 'inquiry',
      title: '恢复之后',
      channel: 'phone',
      contactEmail: 'buyer@example.cn',
    });
    expect(again.status).toBe(201);
    acknowledged.set(again.json().id, again.json().number);
    // The background jobs failed during the outage (logged), and carry on: the new case's
    // acknowledgement leaves the outbox (skipped: no SMTP server here).
    expect(output.join('')).toMatch(/(sla-sweep|outbox) failed/);
    const outboxDeadline = Date.now() + 30_000;
    let ack: { status: string } | undefined;
    while (Date.now() < outboxDeadline) {
      [ack] = await query<{ status: string }>(`SELECT status FROM outbox WHERE case_id = '${again.json().id}' AND kind = 'email'`);
      if (ack && ack.status !== 'pending') break;
      await sleep(200);
    }
    expect(ack?.status).toBe('skipped');

    // No acknowledged case lost; numbers gap-free and unique in each month.
    const rows = await query<{ id: string; number: string }>('SELECT id, number FROM cases');
    const stored = new Map(rows.map((r) => [r.id, r.number]));
    for (const [id, number] of acknowledged) expect(stored.get(id)).toBe(number);
    const counters = await query<{ period: string; last_serial: number }>('SELECT period, last_serial FROM case_number_counters');
    for (const { period, last_serial } of counters) {
      const serials = rows
        .filter((r) => r.number.startsWith(`${period}-`))
        .map((r) => Number(r.number.slice(period.length + 1)))
        .sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: last_serial }, (_, i) => i + 1));
    }
  }, 180_000);
});
