import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
const c = await pool.connect();
if (process.env.JIT_OFF) await c.query('SET jit = off');
const dep = (await c.query("select department_id from users where login='bench002'")).rows[0].department_id;
const own = (await c.query("select id from users where login='bench003'")).rows[0].id;
const filters: [string, string][] = [
  ['open', "status NOT IN ('closed', 'rejected')"],
  ['none', 'true'],
  ['type+CR', "type IN ('complaint') AND severity IN ('CR')"],
  ['dept', `department_id = '${dep}'`],
  ['dept+open', `department_id = '${dep}' AND status NOT IN ('closed', 'rejected')`],
  ['owner+open', `owner_id = '${own}' AND status NOT IN ('closed', 'rejected')`],
  ['q 漏油', "(number = '漏油' OR search_text ILIKE '%漏油%')"],
  ['q 断裂', "(number = '断裂' OR search_text ILIKE '%断裂%')"],
  ['q 液压泵', "(number = '液压泵' OR search_text ILIKE '%液压泵%')"],
  ['q 尺寸超差', "(number = '尺寸超差' OR search_text ILIKE '%尺寸超差%')"],
  ['q leaking', "(number = 'leaking' OR search_text ILIKE '%leaking%')"],
];
const variants = (process.env.VARIANTS ?? 'exact,cap1000,cap10000').split(',');
const sqlOf = (v: string, w: string) =>
  v === 'exact'
    ? `SELECT count(*)::int AS n FROM cases WHERE ${w}`
    : `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases WHERE ${w} LIMIT ${Number(v.slice(3)) + 1}) t`;
const only = process.env.ONLY?.split(',');
for (const [name, w] of filters) {
  if (only && !only.includes(name)) continue;
  const out: string[] = [];
  for (const v of variants) {
    const t: number[] = [];
    let n = 0;
    for (let i = 0; i < Number(process.env.N ?? 7); i++) {
      const s = performance.now();
      n = (await c.query(sqlOf(v, w))).rows[0].n;
      t.push(performance.now() - s);
      if (t[t.length - 1]! > 3000) break;
    }
    t.sort((a, b) => a - b);
    out.push(`${v}: n=${n} min=${t[0]!.toFixed(1)} med=${t[Math.floor(t.length / 2)]!.toFixed(1)}`);
  }
  console.log(name.padEnd(12), out.join(' | '));
}
c.release();
await pool.end();
