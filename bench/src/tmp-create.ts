import { sql } from 'drizzle-orm';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openDatabase } from '../../apps/server/src/db/connection.ts';
import { rowsOf } from '../../apps/server/src/lib/sql.ts';

const config = loadConfig({
  DATA_DIR: '/tmp/x-bench',
  CLOSELOOP_ADMIN_PASSWORD: 'bench-admin-password',
  LOG_LEVEL: 'silent',
  DATABASE_URL: process.env.DATABASE_URL,
} as NodeJS.ProcessEnv);
const database = await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL as string });
const app = await buildApp({ database, config });
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { login: 'admin', password: 'bench-admin-password' },
});
const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
const tok = await app.inject({
  method: 'POST',
  url: '/api/v1/api-tokens',
  headers: { cookie, 'x-csrf-token': login.json().csrfToken },
  payload: { name: 'x', scopes: ['cases:read', 'cases:create'] },
});
const token = tok.json().token;
const q = async <T>(t: string) => rowsOf<T>(await database.db.execute(sql.raw(t)));
const [c] = await q<{ id: string }>('select id from customers limit 1');
const [p] = await q<{ id: string }>('select id from products limit 1');
const [u] = await q<{ id: string; department_id: string }>("select id, department_id from users where login='bench001'");
const body = {
  type: 'complaint',
  title: '液压泵漏油',
  description: '客户反映',
  customerId: c?.id,
  productId: p?.id,
  channel: 'phone',
  severity: 'MA',
  grade: 'general',
  ownerId: u?.id,
  departmentId: u?.department_id,
};
const n = Number(process.argv[2] ?? 5);
for (let i = 0; i < n; i++) {
  const t = performance.now();
  const r = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` }, payload: body });
  console.log(r.statusCode, (performance.now() - t).toFixed(2), 'ms');
}
await app.close();
await database.close();
