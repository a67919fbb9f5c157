import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Two server processes on one PostgreSQL database, both running the SLA sweep and the outbox
 * worker on short intervals: every clock step happens once and every e-mail is sent once.
 * Needs DATABASE_URL (PGlite is one process by design); .ci/run runs it in its PostgreSQL pass.
 */
const url = process.env.DATABASE_URL;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PASSWORD = 'instances-admin-password';

const received: { messageId: string; to: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => {
      raw += c;
    });
    stream.on('end', () => {
      const messageId = /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '';
      for (const r of session.envelope.rcptTo) received.push({ messageId, to: r.address });
      callback();
    });
  },
});

interface Instance {
  child: ChildProcess;
  base: string;
  output: string[];
}

function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `closeloop-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /running at (http:\/\/[\d.:]+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1]!, output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output.join('')}`));
    });
  });
}

async function session(base: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { id: string; version: number } };
  const call = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}/api/v1${p}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { call, user };
}

describe.skipIf(!url)('two server processes on one PostgreSQL', () => {
  const dbName = `closeloop_instances_${process.pid}`;
  let dbUrl: string;
  let db: pg.Client;
  const instances: Instance[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(url as string);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const env = {
      DATABASE_URL: dbUrl,
      CLOSELOOP_ADMIN_PASSWORD: PASSWORD,
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SLA_SWEEP_INTERVAL_MS: '150',
      OUTBOX_INTERVAL_MS: '100',
    };
    // Both start at once: migrations, seeding and the first administrator race and must not clash.
    instances.push(...(await Promise.all([startInstance('a', env), startInstance('b', env)])));
    db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    for (const i of instances) i.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => new Promise((r) => (i.child.exitCode !== null ? r(null) : i.child.once('exit', r)))));
    await db?.end();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('fires each clock step once and sends each e-mail once', async () => {
    const a = await session(instances[0]!.base);
    const b = await session(instances[1]!.base);
    // Everyone involved has an e-mail address; the quality head and the GM office head hear of escalations.
    const me = await a.call<{ id: string; version: number }>('PATCH', `/users/${a.user.id}`, {
      version: a.user.version,
      email: 'admin@example.cn',
    });
    const engineer = await a.call<{ id: string }>('POST', '/users', {
      login: 'engineer',
      displayName: '现场工程师',
      email: 'engineer@example.cn',
      roles: ['agent'],
      password: 'site-visit-2026-pw',
    });
    const deps = (await a.call<{ items: { id: string; code: string; version: number }[] }>('GET', '/departments')).items;
    const quality = deps.find((d) => d.code === 'quality')!;
    await a.call('PATCH', `/departments/${quality.id}`, { version: quality.version, headUserId: me.id });
    const customer = await a.call<{ id: string }>('POST', '/customers', {
      kind: 'company',
      name: '并发测试客户',
      country: 'CN',
      tier: 'B',
    });

    // Cases received three weeks ago: every clock is past due and every ladder step is due.
    const receivedAt = new Date(Date.now() - 21 * 86_400_000).toISOString();
    const created: string[] = [];
    for (let i = 0; i < 8; i++) {
      const via = i % 2 === 0 ? a : b;
      const c = await via.call<{ id: string }>('POST', '/cases', {
        type: 'complaint',
        title: `并发案件 ${i}`,
        channel: 'phone',
        customerId: customer.id,
        ownerId: engineer.id,
        departmentId: quality.id,
        receivedAt,
        contactEmail: `buyer${i}@example.cn`,
      });
      created.push(c.id);
    }

    // Wait (bounded) until both instances have swept every clock to the top of the ladder and drained the outbox.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { rows } = await db.query(`
        SELECT (SELECT count(*) FROM case_clocks WHERE escalation_level < 3 OR next_check_at IS NOT NULL)::int AS pending_clocks,
               (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending'))::int AS pending_mail`);
      if (rows[0].pending_clocks === 0 && rows[0].pending_mail === 0) break;
      if (Date.now() > deadline)
        throw new Error(`not done in time: ${JSON.stringify(rows[0])}\n${instances.map((i) => i.output.join('')).join('\n')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // A few more rounds of both timers must change nothing.
    const before = await db.query('SELECT count(*)::int AS n FROM sla_escalations');
    await new Promise((r) => setTimeout(r, 1000));
    const after = await db.query('SELECT count(*)::int AS n FROM sla_escalations');
    expect(after.rows[0].n).toBe(before.rows[0].n);

    // Each clock (3 per case: acknowledge, first reply, resolve) climbed the 3 steps exactly once.
    const steps = await db.query(`SELECT case_id, clock, level, count(*)::int AS n FROM sla_escalations WHERE level > 0 GROUP BY 1, 2, 3`);
    expect(steps.rows.length).toBe(created.length * 3 * 3);
    expect(steps.rows.every((r) => r.n === 1)).toBe(true);
    const breaches = await db.query(`SELECT case_id, clock, count(*)::int AS n FROM case_events e, jsonb_to_record(e.data) AS d(clock text)
                                       WHERE e.kind = 'sla_breached' GROUP BY 1, 2`);
    expect(breaches.rows.length).toBe(created.length * 3);
    expect(breaches.rows.every((r) => r.n === 1)).toBe(true);

    // Every e-mail in the outbox arrived exactly once: no duplicates, none missing.
    const mails = await db.query(`SELECT id, status, payload->>'to' AS "to" FROM outbox WHERE kind = 'email'`);
    expect(mails.rows.length).toBeGreaterThan(created.length);
    expect(mails.rows.every((m) => m.status === 'sent')).toBe(true);
    const ids = received.map((r) => r.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(mails.rows.length);
    const acks = received.filter((r) => r.to.startsWith('buyer'));
    expect(acks.length).toBe(created.length);

    const byInstance = await db.query(`SELECT instance, count(*)::int AS n FROM outbox_attempts GROUP BY 1 ORDER BY 1`);
    const sweeps = await db.query(`SELECT count(*)::int AS n FROM sla_escalations`);
    console.info(
      `two instances: ${sweeps.rows[0].n} warnings/steps, ${mails.rows.length} e-mails; deliveries by instance: ${byInstance.rows.map((r) => `${r.instance}=${r.n}`).join(', ')}`,
    );
  }, 150_000);
});
