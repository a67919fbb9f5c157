/**
 * Fast, set-based seeding: reference data (users, customers, products) from a few multi-row
 * statements, then N cases with `INSERT … SELECT generate_series` in batches. The search_text
 * trigger of migration 0002 fills cases.search_text as the rows go in.
 */
import { casePeriod } from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/db/connection.ts';
import { rowsOf } from '../../apps/server/src/lib/sql.ts';
import { zonedMidnight } from '../../apps/server/src/lib/time.ts';
import {
  CITIES,
  COMPANY_SUFFIXES,
  COMPONENTS,
  DEFECTS,
  DEMANDS,
  FOREIGN_COUNTRIES,
  FOREIGN_KINDS,
  FOREIGN_STEMS,
  GIVEN_NAMES,
  INDUSTRIES,
  PHENOMENA,
  SURNAMES,
  TAGS,
  TRADE_NAMES,
} from './words.ts';

export interface SeedOptions {
  cases: number;
  customers?: number;
  products?: number;
  users?: number;
  batchSize?: number;
  timeZone: string;
  now?: Date;
  log?: (line: string) => void;
}

export interface SeedStats {
  cases: number;
  customers: number;
  products: number;
  users: number;
  batches: number;
  seconds: { reference: number; cases: number; indexes: number; vacuum: number; total: number };
  casesPerSecond: number;
  droppedIndexes: string[];
  tableBytes: number;
  indexBytes: Record<string, number>;
  /** Share of the machine's CPU other processes used while seeding (set by run.ts). */
  foreignCpu?: number;
}

const run = (db: Db, text: string) => db.execute(sql.raw(text));
const rows = async <T>(db: Db, text: string) => rowsOf<T>(await run(db, text));

/** SQL string literal. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** SQL text[] literal. */
const arr = (values: readonly string[]) => `ARRAY[${values.map(lit).join(', ')}]::text[]`;
/** `(ARRAY[...])[idx + 1]`: pick by a zero-based index expression. */
const pick = (values: readonly string[], idx: string) => `(${arr(values)})[(${idx}) + 1]`;

/** Small deterministic PRNG (mulberry32), so reference data is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const of = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  return { next, int, of };
}

const seconds = (from: number) => (performance.now() - from) / 1000;

/** The 12 case-number periods ending with the current one: start instant and length in seconds. */
export function seedMonths(now: Date, timeZone: string, total: number) {
  const current = casePeriod(now, timeZone);
  const yy = Number(current.slice(0, 2));
  const mm = Number(current.slice(2, 4));
  const months = [];
  for (let m = 0; m < 12; m += 1) {
    const back = 11 - m;
    const index = yy * 12 + (mm - 1) - back;
    const y = Math.floor(index / 12);
    const mo = (index % 12) + 1;
    const nextIndex = index + 1;
    const ny = Math.floor(nextIndex / 12);
    const nmo = (nextIndex % 12) + 1;
    const start = zonedMidnight(`20${String(y).padStart(2, '0')}-${String(mo).padStart(2, '0')}-01`, timeZone);
    const end = back === 0 ? now : zonedMidnight(`20${String(ny).padStart(2, '0')}-${String(nmo).padStart(2, '0')}-01`, timeZone);
    const count = Math.floor(total / 12) + (m < total % 12 ? 1 : 0);
    months.push({
      m,
      period: `${String(y).padStart(2, '0')}${String(mo).padStart(2, '0')}`,
      start,
      spanSeconds: Math.max(60, (end.getTime() - start.getTime()) / 1000),
      count,
    });
  }
  return months;
}

async function seedUsers(db: Db, count: number) {
  const [admin] = await rows<{ password_hash: string }>(db, `SELECT password_hash FROM users WHERE login = 'admin'`);
  if (!admin) throw new Error('run bootstrap first: no admin user');
  const departments = await rows<{ id: string; code: string }>(
    db,
    `SELECT id, code FROM departments WHERE code IN ('service', 'quality', 'sales', 'production', 'rnd') ORDER BY code`,
  );
  const r = prng(7);
  const people = [];
  for (let i = 1; i <= count; i += 1) {
    const dept = departments[i % departments.length];
    people.push({
      login: `bench${String(i).padStart(3, '0')}`,
      display_name: `${r.of(SURNAMES)}${r.of(GIVEN_NAMES)}`,
      department_id: dept?.id ?? null,
      role: dept?.code === 'quality' || dept?.code === 'rnd' ? 'quality_engineer' : 'agent',
    });
  }
  const json = JSON.stringify(people);
  await db.execute(sql`
    INSERT INTO users (login, display_name, password_hash, department_id, locale)
    SELECT p.login, p.display_name, ${admin.password_hash}, p.department_id, 'zh-CN'
    FROM json_to_recordset(${json}::json) AS p(login text, display_name text, department_id uuid)
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    INSERT INTO user_roles (user_id, role_id)
    SELECT u.id, r.id FROM json_to_recordset(${json}::json) AS p(login text, role text)
    JOIN users u ON u.login = p.login JOIN roles r ON r.code = p.role
    ON CONFLICT DO NOTHING`);
}

async function seedCustomers(db: Db, count: number) {
  const r = prng(11);
  const list = [];
  const seen = new Set<string>();
  for (let i = 1; list.length < count; i += 1) {
    const foreign = r.next() < 0.15;
    let name: string;
    let nameEn: string | null;
    let country = 'CN';
    let province: string | null = null;
    let city: string | null = null;
    if (foreign) {
      const [code, suffix] = r.of(FOREIGN_COUNTRIES);
      name = `${r.of(FOREIGN_STEMS)} ${r.of(FOREIGN_KINDS)} ${suffix}`;
      nameEn = null;
      country = code;
    } else {
      const [cityZh, cityEn, prov] = r.of(CITIES);
      const [tradeZh, tradeEn] = r.of(TRADE_NAMES);
      const [indZh, indEn] = r.of(INDUSTRIES);
      const [sufZh, sufEn] = r.of(COMPANY_SUFFIXES);
      name = `${cityZh}${tradeZh}${indZh}${sufZh}`;
      nameEn = `${cityEn} ${tradeEn} ${indEn} ${sufEn}`;
      province = prov;
      city = cityZh;
    }
    if (seen.has(name)) {
      if (i > count * 20) break;
      continue;
    }
    seen.add(name);
    const t = r.next();
    list.push({
      name,
      name_en: nameEn,
      country,
      province,
      city,
      market: foreign ? 'foreign' : 'domestic',
      tier: t < 0.08 ? 'A' : t < 0.35 ? 'B' : t < 0.8 ? 'C' : 'D',
    });
  }
  await db.execute(sql`
    INSERT INTO customers (code, kind, name, name_en, country, province, city, market, tier)
    SELECT 'C' || lpad(nextval('customer_code_seq')::text, 6, '0'), 'company', c.name, c.name_en, c.country, c.province, c.city, c.market, c.tier
    FROM json_to_recordset(${JSON.stringify(list)}::json)
      AS c(name text, name_en text, country text, province text, city text, market text, tier text)`);
  return list.length;
}

async function seedProducts(db: Db, count: number) {
  const list = [];
  for (let i = 0; i < count; i += 1) {
    const k = i % COMPONENTS.length;
    const [zh, en, prefix] = COMPONENTS[k] as (typeof COMPONENTS)[number];
    const series = 100 + Math.floor(i / COMPONENTS.length) * 50;
    list.push({
      model: `${prefix}-${series}`,
      name: zh,
      name_en: en.replace(/\b\w/g, (c) => c.toUpperCase()),
      category:
        k < 2 || k === 11 ? 'hydraulics' : k === 2 || k === 10 ? 'drives' : k === 3 || k === 9 || k === 16 ? 'electronics' : 'components',
      warranty_months: i % 3 === 0 ? 24 : 12,
    });
  }
  await db.execute(sql`
    INSERT INTO products (model, name, name_en, category, warranty_months)
    SELECT p.model, p.name, p.name_en, p.category, p.warranty_months
    FROM json_to_recordset(${JSON.stringify(list)}::json) AS p(model text, name text, name_en text, category text, warranty_months int)
    ON CONFLICT (model) DO NOTHING`);
}

/** The INSERT … SELECT that writes cases with series index lo..hi (inclusive). */
function casesBatchSql(lo: number, hi: number, months: ReturnType<typeof seedMonths>, now: Date) {
  const monthRows = months
    .map((m) => `(${m.m}, ${lit(m.period)}, ${lit(m.start.toISOString())}::timestamptz, ${m.spanSeconds}::float8, ${m.count})`)
    .join(', ');
  const comps = COMPONENTS.map(([zh, en], k) => `(${k}, ${lit(zh)}, ${lit(en)})`).join(', ');
  const nowLit = `${lit(now.toISOString())}::timestamptz`;
  const openStatus = `CASE WHEN r_status < 0.12 THEN 'new' WHEN r_status < 0.24 THEN 'acknowledged' WHEN r_status < 0.49 THEN 'investigating'
      WHEN r_status < 0.61 THEN 'proposing' WHEN r_status < 0.69 THEN 'awaiting_approval' WHEN r_status < 0.84 THEN 'resolving'
      WHEN r_status < 0.92 THEN 'awaiting_confirmation' ELSE 'on_hold' END`;
  const demandCodes = ['repair', 'replace', 'refund', 'explanation', 'compensation', ''];
  return `
WITH months(m, period, start_at, span, n) AS (VALUES ${monthRows}),
comp(k, zh, en) AS (VALUES ${comps}),
cu AS (SELECT (row_number() OVER (ORDER BY code))::int - 1 AS i, id, tier FROM customers),
pr AS (SELECT (row_number() OVER (ORDER BY p.model))::int - 1 AS i, p.id, comp.k, comp.zh, comp.en
       FROM products p JOIN comp ON comp.zh = p.name),
us AS (SELECT (row_number() OVER (ORDER BY login))::int - 1 AS i, id, department_id FROM users WHERE login LIKE 'bench%'),
de AS (SELECT (row_number() OVER (ORDER BY code))::int - 1 AS i, id FROM departments),
counts AS (SELECT (SELECT count(*) FROM cu)::int AS nc, (SELECT count(*) FROM pr)::int AS np,
                  (SELECT count(*) FROM us)::int AS nu, (SELECT count(*) FROM de)::int AS nd),
g AS MATERIALIZED (
  SELECT s, s % 12 AS m, s / 12 + 1 AS serial,
    random() AS r_open, random() AS r_status, random() AS r_type, random() AS r_sev, random() AS r_grade, random() AS r_owner,
    random() AS r_lang, random() AS r_misc, random() AS r_close, random() AS r_chan, random() AS r_resp,
    floor(random() * counts.nc)::int AS ci, floor(random() * counts.np)::int AS pi, floor(random() * counts.nu)::int AS ui,
    floor(random() * counts.nu)::int AS ri, floor(random() * counts.nd)::int AS di,
    floor(random() * ${DEFECTS.length})::int AS dx, floor(random() * ${PHENOMENA.length})::int AS ph,
    floor(random() * ${DEMANDS.length})::int AS dm, floor(random() * 3)::int AS tv, floor(random() * 4)::int AS q4,
    floor(random() * ${SURNAMES.length})::int AS sn, floor(random() * ${GIVEN_NAMES.length})::int AS gn,
    (50 + floor(random() * 6000))::int AS hours
  FROM generate_series(${lo}::bigint, ${hi}::bigint) AS s, counts
),
x AS (
  SELECT g.*, mo.period, 11 - g.m AS age,
    LEAST(${nowLit}, mo.start_at + make_interval(secs => mo.span * (g.serial - 0.5) / mo.n)) AS at,
    CASE WHEN r_type < 0.55 THEN 'complaint' WHEN r_type < 0.70 THEN 'inquiry' WHEN r_type < 0.85 THEN 'service_request'
         WHEN r_type < 0.95 THEN 'return' ELSE 'suggestion' END AS type,
    CASE WHEN r_open < (CASE 11 - g.m WHEN 0 THEN 0.6 WHEN 1 THEN 0.3 WHEN 2 THEN 0.15 ELSE 0.04 END) THEN ${openStatus}
         WHEN r_status < 0.93 THEN 'closed' ELSE 'rejected' END AS status
  FROM g JOIN months mo ON mo.m = g.m
),
y AS (
  SELECT x.*,
    CASE WHEN x.type IN ('complaint', 'return') THEN
      CASE WHEN r_sev < 0.05 THEN 'CR' WHEN r_sev < 0.35 THEN 'MA' WHEN r_sev < 0.85 THEN 'MI' END END AS severity,
    CASE WHEN x.type = 'complaint' OR (x.type = 'return' AND r_grade < 0.5) THEN
      CASE WHEN r_grade < 0.6 THEN 'general' WHEN r_grade < 0.85 THEN 'important' WHEN r_grade < 0.95 THEN 'serious' ELSE 'urgent' END END AS grade,
    (x.status = 'new' AND r_owner < 0.6) OR r_owner < 0.03 AS unassigned,
    CASE WHEN x.status IN ('closed', 'rejected') THEN LEAST(${nowLit}, x.at + make_interval(secs => 86400 * (1 + r_close * 25))) END AS closed_at
  FROM x
)
INSERT INTO cases (number, type, status, hold_from_status, title, description, service_kind, customer_id, contact_name, contact_phone,
  product_id, batch_no, serial_no, order_no, purchase_date, quantity_delivered, quantity_defective, occurred_at, recurrence,
  customer_demands, channel, received_by_id, received_at, first_responder_id, validity, is_quality_related, severity, grade,
  cause_category, root_cause_6m, owner_id, department_id, priority, derived_priority,
  responsibility_party, responsibility_department_id, responsibility_external_party, responsibility_reason,
  proposal, resolution, customer_confirmed, confirmation_note, close_reason, rejection_explanation, tags,
  created_by_id, created_at, updated_at, closed_at, version)
SELECT
  y.period || '-' || lpad(y.serial::text, GREATEST(4, length(y.serial::text)), '0'),
  y.type,
  y.status,
  CASE WHEN y.status = 'on_hold' THEN CASE WHEN r_misc < 0.5 THEN 'investigating' ELSE 'resolving' END END,
  CASE
    WHEN r_lang < 0.15 THEN initcap(pr.en) || ' ' || ${pick(
      DEFECTS.map(([, en]) => en),
      'y.dx',
    )}
    WHEN y.type = 'inquiry' THEN '咨询' || pr.zh || ${pick(['的维护保养周期', '的备件价格', '的安装要求', '的使用方法'], 'y.q4')}
    WHEN y.type = 'suggestion' THEN '建议改进' || pr.zh || ${pick(['的说明书', '的包装方式', '的接线端子标识', '的操作界面'], 'y.q4')}
    WHEN y.tv = 0 THEN pr.zh || ${pick(
      DEFECTS.map(([zh]) => zh),
      'y.dx',
    )}
    WHEN y.tv = 1 THEN pr.zh || ${pick(
      DEFECTS.map(([zh]) => zh),
      'y.dx',
    )} || '，' || ${pick(
      DEMANDS.map(([zh]) => zh),
      'y.dm',
    )}
    ELSE '客户反映' || pr.zh || ${pick(
      DEFECTS.map(([zh]) => zh),
      'y.dx',
    )}
  END,
  CASE WHEN r_lang < 0.15 THEN
    'Customer reports the ' || pr.en || ' ' || ${pick(
      DEFECTS.map(([, en]) => en),
      'y.dx',
    )} || ' after about ' || y.hours || ' hours of operation; '
      || ${pick(
        PHENOMENA.map(([, en]) => en),
        'y.ph',
      )} || '. The customer ' || ${pick(
        DEMANDS.map(([, en]) => en),
        'y.dm',
      )} || '.'
  ELSE
    '客户反映' || pr.zh || '在运行约' || y.hours || '小时后出现' || ${pick(
      DEFECTS.map(([zh]) => zh),
      'y.dx',
    )} || '现象，' || ${pick(
      PHENOMENA.map(([zh]) => zh),
      'y.ph',
    )} || '。' || ${pick(
      DEMANDS.map(([zh]) => zh),
      'y.dm',
    )} || '。'
  END,
  CASE WHEN y.type = 'service_request' THEN ${pick(['installation', 'repair', 'maintenance', 'training'], 'y.q4')} END,
  cu.id,
  ${pick(SURNAMES, 'y.sn')} || ${pick(GIVEN_NAMES, 'y.gn')},
  '1' || (3 + y.q4 * 2)::text || lpad(((y.s * 7919) % 1000000000)::text, 9, '0'),
  pr.id,
  'B' || y.period || lpad((y.serial % 97)::text, 3, '0'),
  'SN' || y.period || lpad(((y.s * 104729) % 1000000)::text, 6, '0'),
  CASE WHEN r_misc < 0.6 THEN 'SO' || (20000000 + (y.s * 31) % 9999999)::text END,
  (y.at - make_interval(days => 30 + (y.hours % 700)))::date,
  CASE WHEN y.type IN ('complaint', 'return') THEN 10 + y.hours % 490 END,
  CASE WHEN y.type IN ('complaint', 'return') THEN 1 + y.hours % 9 END,
  y.at - make_interval(hours => 1 + y.hours % 72),
  ${pick(['unknown', 'once', 'intermittent', 'persistent'], 'y.q4')},
  CASE WHEN y.type IN ('complaint', 'return') AND y.dm < 5 THEN ARRAY[${pick(demandCodes, 'y.dm')}] ELSE '{}'::text[] END,
  CASE WHEN r_chan < 0.35 THEN 'phone' WHEN r_chan < 0.55 THEN 'email' WHEN r_chan < 0.65 THEN 'web_form' WHEN r_chan < 0.80 THEN 'sales_rep'
       WHEN r_chan < 0.90 THEN 'dealer' WHEN r_chan < 0.95 THEN 'chat' WHEN r_chan < 0.98 THEN 'visit' WHEN r_chan < 0.99 THEN 'letter_fax'
       ELSE 'api' END,
  rb.id,
  y.at - make_interval(mins => (r_misc * 90)::int),
  rb.id,
  CASE WHEN y.status = 'rejected' THEN CASE WHEN r_resp < 0.6 THEN 'misunderstanding' ELSE 'not_our_product' END
       WHEN y.status = 'closed' THEN CASE WHEN r_resp < 0.85 THEN 'genuine' WHEN r_resp < 0.95 THEN 'misunderstanding' ELSE 'not_our_product' END
       WHEN y.status IN ('new', 'acknowledged') THEN 'undetermined'
       ELSE CASE WHEN r_resp < 0.7 THEN 'genuine' ELSE 'undetermined' END END,
  r_resp < 0.9,
  y.severity,
  y.grade,
  CASE WHEN y.status = 'closed' AND y.type IN ('complaint', 'return') THEN ${pick(
    ['design', 'material', 'manufacturing', 'assembly', 'packaging', 'transport', 'usage', 'supplier', 'service', 'other'],
    '(y.s % 10)',
  )} END,
  CASE WHEN y.status = 'closed' AND y.type IN ('complaint', 'return') THEN ${pick(
    ['man', 'machine', 'material', 'method', 'measurement', 'environment'],
    '(y.s % 6)',
  )} END,
  CASE WHEN y.unassigned THEN NULL ELSE ow.id END,
  CASE WHEN y.unassigned THEN CASE WHEN r_owner < 0.3 THEN NULL ELSE dep.id END ELSE ow.department_id END,
  pri.p, pri.p,
  resp.party,
  CASE WHEN resp.party = 'ours' THEN ow.department_id END,
  CASE WHEN resp.party = 'supplier' THEN ${pick(['宁波恒力密封件厂', '常州博远电子有限公司', 'SKF China', '上海标准件公司'], 'y.q4')} END,
  CASE WHEN resp.party IS NOT NULL THEN ${pick(
    ['装配工艺未按作业指导书执行', '来料检验漏检', '客户操作不当', '原因无法确定，按商务处理'],
    "CASE resp.party WHEN 'ours' THEN 0 WHEN 'supplier' THEN 1 WHEN 'customer' THEN 2 ELSE 3 END",
  )} END,
  CASE WHEN y.status IN ('awaiting_approval', 'resolving', 'awaiting_confirmation', 'closed') THEN ${pick(
    ['更换密封件并现场调试', '寄送备件由客户自行更换', '整机返厂检测维修', '补发缺失配件'],
    'y.q4',
  )} END,
  CASE WHEN y.status IN ('awaiting_confirmation', 'closed') THEN ${pick(
    ['已上门更换损坏部件，设备恢复正常运行', '已寄送新品，旧件返回分析', '已退货并完成退款', '已书面答复客户并提供整改报告'],
    'y.q4',
  )} END,
  CASE WHEN y.status = 'closed' THEN r_close < 0.85 END,
  CASE WHEN y.status = 'closed' AND r_close < 0.85 THEN '电话回访客户确认问题已解决' END,
  CASE WHEN y.status = 'closed' AND r_close >= 0.85 THEN '客户超过确认期限未回复' END,
  CASE WHEN y.status = 'rejected' THEN '经检测产品符合技术规范，问题系使用不当造成。' END,
  CASE WHEN r_misc > 0.92 THEN ARRAY[${pick(TAGS, `y.s % ${TAGS.length}`)}] ELSE '{}'::text[] END,
  rb.id,
  y.at,
  COALESCE(y.closed_at, LEAST(${nowLit}, y.at + make_interval(secs => 86400 * 5 * r_close))),
  y.closed_at,
  CASE WHEN y.status IN ('closed', 'rejected') THEN 6 WHEN y.status IN ('new') THEN 1 ELSE 2 + y.q4 END
FROM y
JOIN cu ON cu.i = y.ci
JOIN pr ON pr.i = y.pi
JOIN us ow ON ow.i = y.ui
JOIN us rb ON rb.i = y.ri
JOIN de dep ON dep.i = y.di
CROSS JOIN LATERAL (
  SELECT 'P' || CASE WHEN cu.tier = 'A' THEN GREATEST(1, r - 1) ELSE r END AS p
  FROM (SELECT COALESCE(LEAST(
    CASE y.grade WHEN 'urgent' THEN 1 WHEN 'serious' THEN 2 WHEN 'important' THEN 3 WHEN 'general' THEN 4 END,
    CASE y.severity WHEN 'CR' THEN 1 WHEN 'MA' THEN 3 WHEN 'MI' THEN 4 END), 3) AS r) AS rank
) AS pri
CROSS JOIN LATERAL (
  SELECT CASE WHEN y.status = 'closed' AND y.type IN ('complaint', 'return') THEN
    CASE WHEN r_resp < 0.55 THEN 'ours' WHEN r_resp < 0.7 THEN 'supplier' WHEN r_resp < 0.85 THEN 'customer' ELSE 'not_established' END END AS party
) AS resp`;
}

/** Indexes on cases that no constraint needs: dropped for the bulk load and rebuilt after. */
async function secondaryIndexes(db: Db) {
  return rows<{ name: string; def: string }>(
    db,
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = 'cases'
       AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'cases'::regclass)
     ORDER BY i.indexname`,
  );
}

export async function existingCases(db: Db): Promise<number> {
  const [r] = await rows<{ n: number }>(db, 'SELECT count(*)::int AS n FROM cases');
  return Number(r?.n ?? 0);
}

export async function seed(db: Db, options: SeedOptions): Promise<SeedStats> {
  const log = options.log ?? (() => {});
  const total = options.cases;
  const batchSize = options.batchSize ?? 50_000;
  const now = options.now ?? new Date();
  const t0 = performance.now();
  if ((await existingCases(db)) > 0) throw new Error('the database already has cases: seed an empty database, or pass --skip-seed');

  await seedUsers(db, options.users ?? 40);
  const customers = await seedCustomers(db, options.customers ?? 2000);
  await seedProducts(db, options.products ?? 200);
  for (const table of ['users', 'customers', 'products', 'departments']) await run(db, `ANALYZE ${table}`);
  const reference = seconds(t0);
  log(
    `reference data: ${customers} customers, ${options.products ?? 200} products, ${options.users ?? 40} users (${reference.toFixed(1)} s)`,
  );

  // Bulk load without the secondary indexes (the trigram GIN index above all), then build them once.
  const dropped = await secondaryIndexes(db);
  for (const ix of dropped) await run(db, `DROP INDEX ${ix.name}`);
  log(`dropped ${dropped.length} secondary indexes for the load (rebuilt afterwards):\n${dropped.map((i) => `  ${i.def}`).join('\n')}`);

  const months = seedMonths(now, options.timeZone, total);
  const tCases = performance.now();
  let batches = 0;
  let loadSeconds = 0;
  let indexSeconds = 0;
  try {
    for (let lo = 0; lo < total; lo += batchSize) {
      const hi = Math.min(total, lo + batchSize) - 1;
      const tb = performance.now();
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(casesBatchSql(lo, hi, months, now)));
      });
      batches += 1;
      log(`  cases ${hi + 1}/${total} (${((hi - lo + 1) / seconds(tb)).toFixed(0)} rows/s)`);
    }
    loadSeconds = seconds(tCases);
  } finally {
    // Rebuild even when the load failed, so the schema is never left without its indexes.
    const tIdx = performance.now();
    for (const ix of dropped) {
      const ti = performance.now();
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`SET LOCAL maintenance_work_mem = '1GB'`));
        await tx.execute(sql.raw(ix.def));
      });
      log(`  rebuilt ${ix.name} (${seconds(ti).toFixed(1)} s)`);
    }
    indexSeconds = seconds(tIdx);
    log(`indexes rebuilt in ${indexSeconds.toFixed(1)} s`);
  }

  await db.execute(sql`
    INSERT INTO case_number_counters (period, last_serial)
    SELECT m.period, m.n FROM json_to_recordset(${JSON.stringify(months.map((m) => ({ period: m.period, n: m.count })))}::json)
      AS m(period text, n int)
    WHERE m.n > 0
    ON CONFLICT (period) DO UPDATE SET last_serial = GREATEST(case_number_counters.last_serial, EXCLUDED.last_serial)`);

  const tVac = performance.now();
  // VACUUM sets the visibility map (index-only scans), ANALYZE the planner statistics: the state autovacuum reaches on its own.
  await run(db, 'VACUUM (ANALYZE) cases');
  await run(db, 'VACUUM (ANALYZE) customers');
  await run(db, 'CHECKPOINT').catch(() => {});
  const vacuum = seconds(tVac);
  const totalSeconds = seconds(t0);
  const size = await sizes(db);
  log(`seeded ${total} cases in ${totalSeconds.toFixed(1)} s`);
  return {
    cases: total,
    customers,
    products: options.products ?? 200,
    users: options.users ?? 40,
    batches,
    seconds: { reference, cases: loadSeconds, indexes: indexSeconds, vacuum, total: totalSeconds },
    casesPerSecond: total / loadSeconds,
    droppedIndexes: dropped.map((d) => d.name),
    ...size,
  };
}

export async function sizes(db: Db) {
  const [t] = await rows<{ b: string }>(db, `SELECT pg_table_size('cases') AS b`);
  const ix = await rows<{ name: string; b: string }>(
    db,
    `SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid) AS b FROM pg_index WHERE indrelid = 'cases'::regclass ORDER BY 1`,
  );
  return { tableBytes: Number(t?.b ?? 0), indexBytes: Object.fromEntries(ix.map((i) => [i.name, Number(i.b)])) };
}
