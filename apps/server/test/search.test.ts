import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as listRepo from '../src/features/cases/list-repository.ts';
import { rowsOf } from '../src/lib/sql.ts';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
let customerId: string;

const search = async (q: string) => {
  const res = await env.admin.get(`/api/v1/cases?q=${encodeURIComponent(q)}&pageSize=50`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { title: string; number: string }[]).map((i) => i.title).sort();
};

beforeAll(async () => {
  env = await createTestEnv();
  customerId = (
    await env.admin.post('/api/v1/customers', { kind: 'company', name: '苏州恒达机械有限公司', country: 'CN', province: '江苏' })
  ).json().id;
  for (const [title, description] of [
    ['液压泵漏油', '客户反映液压泵在运行约300小时后出现漏油现象。'],
    ['减速机异响', '运行时有异响，尺寸超差。'],
    ['Gearbox leaking oil', 'Customer reports the gearbox leaking oil.'],
    ['电机过热', '电机外壳温度过高，VP-40漏油'],
  ]) {
    const res = await env.admin.post('/api/v1/cases', { type: 'complaint', title, description, customerId, channel: 'phone' });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => env?.close());

describe('text search', () => {
  it('finds Chinese terms of every length from two characters, and nothing for a term that is not there', async () => {
    expect(await search('漏油')).toEqual(['液压泵漏油', '电机过热']);
    expect(await search('异响')).toEqual(['减速机异响']);
    expect(await search('断裂')).toEqual([]);
    expect(await search('尺寸超差')).toEqual(['减速机异响']);
    expect(await search('液压泵')).toEqual(['液压泵漏油']);
    expect(await search('0漏')).toEqual(['电机过热']);
    expect(await search('油漏')).toEqual([]);
    expect(await search('leaking')).toEqual(['Gearbox leaking oil']);
    expect(await search('GEARBOX')).toEqual(['Gearbox leaking oil']);
  });

  it('follows a renamed customer in two-character searches', async () => {
    expect(await search('宏图')).toEqual([]);
    const customer = (await env.admin.get(`/api/v1/customers/${customerId}`)).json();
    const res = await env.admin.patch(`/api/v1/customers/${customerId}`, { name: '宁波宏图精工有限公司', version: customer.version });
    expect(res.statusCode, res.body).toBe(200);
    expect((await search('宏图')).length).toBe(4);
    expect(await search('恒达')).toEqual([]);
  });

  it('can answer a two-character Chinese term from an index (the bigram index), not only by reading every case', async () => {
    const plan = await env.database.db.transaction(async (tx) => {
      // A handful of rows makes a sequential scan cheapest; forbid it to see whether an index can serve the term.
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const rows = rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`EXPLAIN SELECT 1 FROM cases WHERE ${listRepo.textMatch('漏油')}`));
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('cases_search_bigrams_idx');
  });
});
