/**
 * Closeloop benchmark: seeds N cases, starts the real HTTP server and measures case creation,
 * list, text search and case detail; prints a table and writes JSON. See bench/README.md.
 *
 *   npm run bench -- --cases 100000 --db embedded
 *   DATABASE_URL=postgres://… npm run bench -- --cases 1000000 --db postgres
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ListCasesQuery } from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../../apps/server/src/app.ts';
import { bootstrap } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { type Database, databaseVersion, openDatabase } from '../../apps/server/src/db/connection.ts';
import * as repo from '../../apps/server/src/features/cases/list-repository.ts';
import { COUNT_CAP, caseFilterOf } from '../../apps/server/src/features/cases/service.ts';
import { rowsOf } from '../../apps/server/src/lib/sql.ts';
import { cpuWindow, waitForQuiet } from './cpu.ts';
import { type LoadRequest, type LoadResult, startLoadAgent } from './load.ts';
import { existingCases, type SeedStats, seed, sizes } from './seed.ts';
import { type Summary, summarize, timeCalls } from './stats.ts';
import { COMPONENTS, DEFECTS, DEMANDS, SEARCH_TERMS } from './words.ts';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    db: { type: 'string', default: 'embedded' },
    'skip-seed': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: '/tmp/closeloop-bench-embedded' },
    fresh: { type: 'boolean', default: false },
    out: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'baseline,create,list,search,detail,queries' },
    'wait-idle': { type: 'string', default: '0' },
    sql: { type: 'string', multiple: true, default: [] },
  },
});

const kind = args.db;
if (kind !== 'embedded' && kind !== 'postgres') throw new Error('--db must be embedded or postgres');
const wantedCases = Number(args.cases);
if (!Number.isInteger(wantedCases) || wantedCases < 1) throw new Error('--cases must be a positive integer');
const quick = args.quick;
const only = new Set(args.only.split(','));
const waitIdleMs = Number(args['wait-idle']) * 1000;
const ADMIN_PASSWORD = process.env.CLOSELOOP_ADMIN_PASSWORD ?? 'bench-admin-password';

const log = (line: string) => process.stdout.write(`${line}\n`);
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-');

interface Row extends Partial<Summary> {
  group: string;
  name: string;
  /** Requests per second over the whole run (creation). */
  rps?: number;
  /** Matching records (`total` of the list answer). */
  total?: number;
  statuses?: Record<string, number>;
  errors?: string[];
  /** Share of the machine's CPU used by other processes while this ran (see cpu.ts). */
  foreignCpu?: number;
}

async function main() {
  // ---------------------------------------------------------------- database and server
  const dataDir = kind === 'embedded' ? path.resolve(args['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-'));
  if (kind === 'embedded' && args.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  const url = process.env.DATABASE_URL;
  if (kind === 'postgres' && !url) throw new Error('--db postgres needs DATABASE_URL');
  const config = loadConfig({
    DATA_DIR: dataDir,
    CLOSELOOP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    ...(kind === 'postgres' ? { DATABASE_URL: url } : {}),
    ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
  } as NodeJS.ProcessEnv);
  const database: Database = await openDatabase(
    kind === 'postgres' ? { kind: 'postgres', url: url as string, poolSize: config.databasePoolSize } : { kind: 'embedded', dataDir },
  );
  const db = database.db;
  log(`Closeloop bench: ${kind} (${database.location}), ${args['skip-seed'] ? 'reusing seeded data' : `seeding ${wantedCases} cases`}`);
  await bootstrap({ db, config, now: () => new Date(), actor: undefined });

  let seedStats: SeedStats | undefined;
  if (!args['skip-seed']) {
    const cpu = cpuWindow(() => []);
    seedStats = await seed(db, { cases: wantedCases, timeZone: config.timeZone, log });
    const share = cpu.stop();
    if (share) {
      seedStats.foreignCpu = share.foreignPercent;
      log(`  (other processes used ${share.foreignPercent}% of the machine's CPU while seeding)`);
    }
  }
  // Schema experiments (e.g. bench/sql/proposed-indexes.sql), applied before measuring.
  for (const file of args.sql) {
    const statements = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('--'))
      .join('\n')
      .split(/;\s*(?:\n|$)/)
      .map((x) => x.trim())
      .filter(Boolean);
    const t = performance.now();
    for (const statement of statements) await db.execute(sql.raw(statement));
    log(`applied ${file}: ${statements.length} statements in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const caseCount = await existingCases(db);
  log(`cases in the database: ${caseCount}`);
  const loadAtStart = os.loadavg();
  log(`machine load average (1/5/15 min): ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);

  const app = await buildApp({ database, config }, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  // Sign in, then create an API token: the load uses `Authorization: Bearer`, like an integration would.
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const tokenRes = await fetch(`${base}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: `bench ${new Date().toISOString()}`, scopes: ['cases:read', 'cases:create'] }),
  });
  if (tokenRes.status !== 201) throw new Error(`token creation failed: ${tokenRes.status} ${await tokenRes.text()}`);
  const { token } = (await tokenRes.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };

  // ---------------------------------------------------------------- sample data for the requests
  const q = async <T>(text: string) => rowsOf<T>(await db.execute(sql.raw(text)));
  const owners = await q<{ id: string; department_id: string | null }>(
    `SELECT id, department_id FROM users WHERE login LIKE 'bench%' AND is_active ORDER BY login`,
  );
  const departments = await q<{ id: string }>(
    `SELECT DISTINCT department_id AS id FROM users WHERE login LIKE 'bench%' AND department_id IS NOT NULL`,
  );
  const customers = await q<{ id: string }>(`SELECT id FROM customers ORDER BY code LIMIT 2000`);
  const products = await q<{ id: string }>(`SELECT id FROM products ORDER BY model`);
  const pct = Math.min(100, (100 * 4000) / Math.max(1, caseCount));
  const sample = await q<{ id: string; number: string }>(`SELECT id, number FROM cases TABLESAMPLE BERNOULLI (${pct}) LIMIT 3000`);
  if (!owners.length || !departments.length || !customers.length || !products.length || !sample.length) {
    throw new Error('the database has no seeded data: run without --skip-seed');
  }
  let seedRandom = 12345;
  const rnd = () => {
    seedRandom = (seedRandom * 1103515245 + 12345) % 2147483648;
    return seedRandom / 2147483648;
  };
  const any = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

  const createBody = () => {
    const owner = any(owners);
    const [compZh] = any(COMPONENTS);
    const [defZh] = any(DEFECTS);
    const [demandZh] = any(DEMANDS);
    return {
      type: 'complaint',
      title: `${compZh}${defZh}`,
      description: `客户反映${compZh}在运行约${Math.floor(rnd() * 5000)}小时后出现${defZh}现象。${demandZh}。`,
      customerId: any(customers).id,
      productId: any(products).id,
      channel: 'phone',
      contactName: '王工',
      contactPhone: '13800138000',
      serialNo: `SN${Math.floor(rnd() * 1e8)}`,
      severity: any(['CR', 'MA', 'MI', 'MI']),
      grade: any(['general', 'general', 'important', 'serious']),
      ownerId: owner.id,
      ...(owner.department_id ? { departmentId: owner.department_id } : {}),
    };
  };

  // ---------------------------------------------------------------- scenarios
  const agent = startLoadAgent();
  const benchPids = () => (agent.pid ? [agent.pid] : []);
  const quiet = async () => {
    if (waitIdleMs > 0) await waitForQuiet(benchPids, 10, waitIdleMs, log);
  };
  const results: Row[] = [];
  const n = (full: number, small: number) => (quick ? small : full);

  const measure = async (
    group: string,
    name: string,
    make: () => LoadRequest,
    opts: { count: number; warmup: number; concurrency: number; maxMs?: number },
  ) => {
    const list = (count: number) => Array.from({ length: count }, make);
    await quiet();
    if (opts.warmup > 0)
      await agent.run({ base, headers, requests: list(opts.warmup), concurrency: opts.concurrency, maxMs: opts.maxMs ?? 60_000 });
    const requests = list(opts.count);
    const cpu = cpuWindow(benchPids);
    const r: LoadResult = await agent.run({ base, headers, requests, concurrency: opts.concurrency, maxMs: opts.maxMs ?? 120_000 });
    const share = cpu.stop();
    const row: Row = {
      group,
      name,
      ...summarize(r.latencies),
      rps: Math.round((r.latencies.length / r.elapsedMs) * 1000 * 10) / 10,
      statuses: r.statuses,
      ...(r.total === undefined ? {} : { total: r.total }),
      ...(r.errors.length ? { errors: r.errors } : {}),
      ...(share ? { foreignCpu: share.foreignPercent } : {}),
    };
    results.push(row);
    log(
      `  ${group.padEnd(8)} ${name.padEnd(42)} n=${String(row.count).padStart(5)} p50=${ms(row.p50 ?? Number.NaN)} p99=${ms(row.p99 ?? Number.NaN)} ms` +
        (group === 'create' || group === 'baseline' ? ` ${row.rps}/s` : '') +
        (row.total === undefined ? '' : ` total=${row.total}`) +
        (share && share.foreignPercent >= 10 ? `  (other processes used ${share.foreignPercent}% CPU)` : '') +
        (r.errors.length ? `  ERRORS: ${r.errors[0]}` : ''),
    );
    return row;
  };

  // Baselines of this machine at this moment, so the figures below can be read as ratios on a noisy machine:
  // the same server's no-op HTTP rate, and how many one-row transactions the same database commits.
  if (only.has('baseline')) {
    log('\nbaselines');
    await measure('baseline', 'GET /api/health, concurrency 16', () => ({ method: 'GET', path: '/api/health' }), {
      count: n(5000, 500),
      warmup: n(500, 50),
      concurrency: 16,
    });
    if (kind === 'postgres') results.push(await insertCommitRate(url as string, n(3000, 300), 16, log));
  }

  if (only.has('create')) {
    log('\ncase creation (POST /api/v1/cases)');
    const create = (): LoadRequest => ({ method: 'POST', path: '/api/v1/cases', body: createBody() });
    await measure('create', 'concurrency 1', create, { count: n(300, 50), warmup: n(30, 5), concurrency: 1 });
    await measure('create', 'concurrency 16', create, { count: n(3000, 300), warmup: n(160, 32), concurrency: 16 });
  }

  const listFilters: { name: string; query: () => string }[] = [
    { name: 'status=open', query: () => 'status=open' },
    { name: 'no filter', query: () => '' },
    { name: 'type=complaint&severity=CR', query: () => 'type=complaint&severity=CR' },
    { name: 'departmentId', query: () => `departmentId=${any(departments).id}` },
    { name: 'departmentId&status=open', query: () => `departmentId=${any(departments).id}&status=open` },
    { name: 'ownerId&status=open', query: () => `ownerId=${any(owners).id}&status=open` },
    { name: 'status=open&sort=priority', query: () => 'status=open&sort=priority' },
    { name: 'status=open&sort=-priority', query: () => 'status=open&sort=-priority' },
  ];
  if (only.has('list')) log('\nlist, first page of 25 (GET /api/v1/cases?…&pageSize=25)');
  for (const f of only.has('list') ? listFilters : []) {
    await measure('list', f.name, () => ({ method: 'GET', path: `/api/v1/cases?${f.query()}${f.query() ? '&' : ''}pageSize=25` }), {
      count: n(200, 20),
      warmup: n(20, 3),
      concurrency: 1,
      maxMs: 60_000,
    });
  }

  const searches: { name: string; q: () => string }[] = [
    ...SEARCH_TERMS.map((t) => ({ name: t.label, q: () => t.q })),
    { name: 'case number', q: () => any(sample).number },
  ];
  if (only.has('search')) log('\ntext search, first page of 25 (GET /api/v1/cases?q=…&pageSize=25)');
  for (const s of only.has('search') ? searches : []) {
    await measure('search', s.name, () => ({ method: 'GET', path: `/api/v1/cases?q=${encodeURIComponent(s.q())}&pageSize=25` }), {
      count: n(100, 10),
      warmup: n(5, 1),
      concurrency: 1,
      maxMs: 45_000,
    });
  }

  if (only.has('detail')) {
    log('\ncase detail (GET /api/v1/cases/{id})');
    await measure('detail', 'random id', () => ({ method: 'GET', path: `/api/v1/cases/${any(sample).id}` }), {
      count: n(500, 50),
      warmup: n(50, 5),
      concurrency: 1,
    });
  }

  // The list answer runs two queries: the page (listCases) and `total` (countCases). Time them apart, in process.
  const apart: Row[] = [];
  const splitCases = only.has('queries')
    ? [
        ...listFilters.map((f) => ({ name: f.name, query: f.query })),
        ...searches.map((s) => ({ name: `q: ${s.name}`, query: () => `q=${encodeURIComponent(s.q())}` })),
      ]
    : [];
  if (splitCases.length) {
    log(
      `\nlist queries apart, direct on the database: page = listCases; count≤cap = countCases capped at ${COUNT_CAP} as the API runs it; count = exact count(*)`,
    );
  }
  for (const c of splitCases) {
    const parse = () => ListCasesQuery.parse(Object.fromEntries(new URLSearchParams(c.query())));
    for (const part of ['page', 'count', 'exact'] as const) {
      const call = () => {
        const query = parse();
        const filter = caseFilterOf(query, config.timeZone, new Date());
        if (part === 'page') return repo.listCases(db, filter, query.sort, 1, 25);
        return part === 'count' ? repo.countCases(db, filter, COUNT_CAP) : repo.countCases(db, filter);
      };
      await quiet();
      const cpu = cpuWindow(benchPids);
      const lat = await timeCalls(call, n(40, 5), { warmup: n(3, 1), maxMs: 30_000 });
      const share = cpu.stop();
      const row: Row = {
        group: { page: 'page', count: 'count≤cap', exact: 'count' }[part],
        name: c.name,
        ...summarize(lat),
        ...(share ? { foreignCpu: share.foreignPercent } : {}),
      };
      apart.push(row);
      log(
        `  ${row.group.padEnd(10)} ${c.name.padEnd(40)} n=${String(row.count).padStart(4)} p50=${ms(row.p50 ?? 0)} p99=${ms(row.p99 ?? 0)} ms`,
      );
    }
  }

  agent.stop();

  // ---------------------------------------------------------------- report
  const byGroup = (g: string) => results.filter((r) => r.group === g);
  const worst = (rows: Row[]) => Math.max(...rows.map((r) => r.p99 ?? Number.POSITIVE_INFINITY));
  const creation16 = results.find((r) => r.group === 'create' && r.name === 'concurrency 16');
  const targets = [
    { group: 'list', name: 'list p99 < 50 ms (worst filter)', target: 50, actual: worst(byGroup('list')) },
    { group: 'search', name: 'text search p99 < 200 ms (worst term)', target: 200, actual: worst(byGroup('search')) },
    { group: 'create', name: 'creation >= 500/s at concurrency 16', target: 500, actual: creation16?.rps ?? 0 },
  ]
    .filter((t) => byGroup(t.group).length > 0)
    .map((t) => ({ ...t, pass: t.group === 'create' ? t.actual >= t.target : t.actual < t.target }));

  const header = ['group', 'scenario', 'n', 'p50', 'p95', 'p99', 'mean', 'max', 'req/s', 'total', 'other%'];
  const lines = [...results, ...apart].map((r) => [
    r.group,
    r.name,
    String(r.count ?? ''),
    ms(r.p50 ?? Number.NaN),
    ms(r.p95 ?? Number.NaN),
    ms(r.p99 ?? Number.NaN),
    ms(r.mean ?? Number.NaN),
    ms(r.max ?? Number.NaN),
    r.rps === undefined ? '' : r.group === 'create' || r.group === 'baseline' ? String(r.rps) : '',
    r.total === undefined ? '' : String(r.total),
    r.foreignCpu === undefined ? '' : String(r.foreignCpu),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  log(`\n${kind} · ${caseCount} cases · latencies in ms`);
  log(fmt(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) log(fmt(l));
  log('');
  log(
    `machine load average at the end (1/5/15 min): ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  log('other% = share of the machine CPU used by processes other than the bench, its load agent and PostgreSQL');
  for (const t of targets) log(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${ms(t.actual)}`);

  const git = (cmd: string) => {
    try {
      return execSync(`git ${cmd}`, { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      return undefined;
    }
  };
  const meta = {
    date: new Date().toISOString(),
    commit: git('rev-parse --short HEAD'),
    uncommittedServerChanges: (git('status --porcelain -- apps/server packages/domain') ?? '') !== '',
    db: kind,
    databaseVersion: await databaseVersion(db),
    cases: caseCount,
    poolSize: kind === 'postgres' ? config.databasePoolSize : 1,
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    quick,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    sql: args.sql,
    size: await sizes(db),
  };
  const outPath = path.resolve(args.out ?? `bench/results/${kind}-${caseCount}-${meta.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, `${JSON.stringify({ meta, seed: seedStats ?? null, results, queries: apart, targets }, null, 2)}\n`);
  log(`\nwrote ${path.relative(process.cwd(), outPath)}`);

  await app.close();
  await database.close();
  if (kind === 'postgres') fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * One-row INSERT + COMMIT per transaction from `concurrency` raw pg clients (no Closeloop code in
 * the way): what the same PostgreSQL can commit at this moment, the ceiling for case creation.
 */
async function insertCommitRate(url: string, count: number, concurrency: number, log: (line: string) => void): Promise<Row> {
  const clients = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const [first] = clients;
  if (!first) throw new Error('no client');
  await first.query(
    'CREATE TABLE IF NOT EXISTS bench_commit_baseline (id bigserial PRIMARY KEY, at timestamptz NOT NULL, body text NOT NULL)',
  );
  const run = async (total: number) => {
    let next = 0;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        while (next < total) {
          next += 1;
          const t = performance.now();
          await c.query('INSERT INTO bench_commit_baseline (at, body) VALUES (now(), $1)', ['baseline row of about forty characters..']);
          latencies.push(performance.now() - t);
        }
      }),
    );
    return { latencies, elapsedMs: performance.now() - started };
  };
  await run(Math.ceil(count / 10));
  const r = await run(count);
  await first.query('DROP TABLE bench_commit_baseline');
  await Promise.all(clients.map((c) => c.end()));
  const row: Row = {
    group: 'baseline',
    name: `raw INSERT+COMMIT, concurrency ${concurrency}`,
    ...summarize(r.latencies),
    rps: Math.round((r.latencies.length / r.elapsedMs) * 1000 * 10) / 10,
  };
  log(
    `  baseline ${row.name.padEnd(42)} n=${String(row.count).padStart(5)} p50=${ms(row.p50 ?? Number.NaN)} p99=${ms(row.p99 ?? Number.NaN)} ms ${row.rps}/s`,
  );
  return row;
}

main().catch((e: unknown) => {
  const cause = (e as { cause?: unknown }).cause;
  const message = (e as Error).message ?? String(e);
  // Drizzle puts the whole SQL text in the message; show its start and the driver's reason.
  process.stderr.write(`\nbench failed: ${message.length > 600 ? `${message.slice(0, 600)}…` : message}\n`);
  if (cause) process.stderr.write(`cause: ${(cause as Error).message ?? String(cause)}\n`);
  process.stderr.write(
    `${((e as Error).stack ?? '')
      .split('\n')
      .filter((l) => l.startsWith('    at '))
      .join('\n')}\n`,
  );
  process.exit(1);
});
