import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
let agent: Client & { userId: string };
let reader: Client & { userId: string };

beforeAll(async () => {
  env = await createTestEnv();
  agent = await env.userWith(['agent']);
  reader = await env.userWith(['read_only']);
});
afterAll(async () => env?.close());
afterEach(() => {
  env.clock.now = undefined;
});

const expectProblem = (res: LightMyRequestResponse, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, code });
  return body;
};
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
const q = (params: Record<string, string | number>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

const suzhou = () => ({
  kind: 'company',
  name: '苏州精工机械有限公司',
  nameEn: 'Suzhou Precision Machinery Co., Ltd.',
  country: 'CN',
  province: '江苏',
  city: '苏州',
  address: '苏州工业园区星湖街 328 号',
  tier: 'A',
  contacts: [
    { name: '周经理', title: '采购经理', phone: '+86 512 6288 0000', email: 'zhou@sz-jinggong.example.cn', isPrimary: true },
    { name: '吴工', title: '设备工程师', phone: '13912345678' },
  ],
});

describe('customers', () => {
  let customer: { id: string; code: string; version: number };

  it('creates a company customer with contacts, a C-number code and the domestic market derived from CN', async () => {
    const res = await agent.post('/api/v1/customers', suzhou());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.code).toMatch(/^C\d{6}$/);
    expect(body).toMatchObject({
      kind: 'company',
      name: '苏州精工机械有限公司',
      nameEn: 'Suzhou Precision Machinery Co., Ltd.',
      country: 'CN',
      province: '江苏',
      city: '苏州',
      market: 'domestic',
      tier: 'A',
      notes: null,
      version: 1,
    });
    expect(body.contacts).toHaveLength(2);
    expect(body.contacts[0]).toMatchObject({ name: '周经理', title: '采购经理', isPrimary: true, email: 'zhou@sz-jinggong.example.cn' });
    expect(body.contacts[1]).toMatchObject({ name: '吴工', isPrimary: false, email: null });
    expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);
    customer = body;
  });

  it('numbers customers consecutively', async () => {
    const a = (await agent.post('/api/v1/customers', { kind: 'person', name: '个人客户甲', country: 'CN' })).json();
    const b = (await agent.post('/api/v1/customers', { kind: 'person', name: '个人客户乙', country: 'CN' })).json();
    expect(Number(b.code.slice(1))).toBe(Number(a.code.slice(1)) + 1);
    expect(a.tier).toBe('C');
    expect(a.contacts).toEqual([]);
  });

  it('derives the foreign market for a customer outside the company country, accepting a lower-case country code', async () => {
    const res = await agent.post('/api/v1/customers', {
      kind: 'company',
      name: 'Hansen Maschinenbau GmbH',
      country: 'de',
      city: 'Stuttgart',
      tier: 'B',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ country: 'DE', market: 'foreign', tier: 'B' });
  });

  it('keeps an explicitly given market', async () => {
    const res = await agent.post('/api/v1/customers', { kind: 'company', name: '香港贸易代理', country: 'HK', market: 'domestic' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().market).toBe('domestic');
  });

  it('refuses a country that is not an ISO alpha-2 code, naming country', async () => {
    const body = expectProblem(
      await agent.post('/api/v1/customers', { kind: 'company', name: 'X', country: 'China' }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(body)).toEqual(['country']);
  });

  it('reads a customer with its contacts', async () => {
    const res = await reader.get(`/api/v1/customers/${customer.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: customer.id, code: customer.code, name: '苏州精工机械有限公司' });
    expect(res.json().contacts.map((c: { name: string }) => c.name)).toEqual(['周经理', '吴工']);
  });

  it('answers 404 for a customer that does not exist', async () => {
    expectProblem(await reader.get('/api/v1/customers/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
  });

  it('edits a customer with its version and refuses a stale version with 409 and currentVersion', async () => {
    const res = await agent.patch(`/api/v1/customers/${customer.id}`, { version: 1, tier: 'B', notes: '年度框架协议客户' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ tier: 'B', notes: '年度框架协议客户', version: 2, name: '苏州精工机械有限公司', city: '苏州' });
    expect(res.json().contacts).toHaveLength(2);

    const stale = await agent.patch(`/api/v1/customers/${customer.id}`, { version: 1, tier: 'D' });
    expect(expectProblem(stale, 409, 'version_conflict').currentVersion).toBe(2);
    expect((await agent.get(`/api/v1/customers/${customer.id}`)).json().tier).toBe('B');

    const cleared = await agent.patch(`/api/v1/customers/${customer.id}`, { version: 2, notes: null, tier: 'A' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ notes: null, tier: 'A', version: 3 });
    customer = cleared.json();
  });

  it('re-derives the market when the country changes', async () => {
    const created = (await agent.post('/api/v1/customers', { kind: 'company', name: '迁址客户', country: 'CN' })).json();
    const moved = await agent.patch(`/api/v1/customers/${created.id}`, { version: created.version, country: 'VN' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ country: 'VN', market: 'foreign', version: 2 });
  });

  it('answers 404 for editing a customer that does not exist', async () => {
    expectProblem(await agent.patch('/api/v1/customers/00000000-0000-4000-8000-000000000000', { version: 1, tier: 'A' }), 404, 'not_found');
  });

  it('does not let a read-only user create or edit customers', async () => {
    expectProblem(await reader.post('/api/v1/customers', suzhou()), 403, 'forbidden');
    expectProblem(await reader.patch(`/api/v1/customers/${customer.id}`, { version: customer.version, tier: 'D' }), 403, 'forbidden');
  });

  it('finds a customer by a Chinese substring of its name', async () => {
    const res = await reader.get(`/api/v1/customers?${q({ q: '精工' })}`);
    expect(res.statusCode, res.body).toBe(200);
    const names = (res.json().items as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(['苏州精工机械有限公司']);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0].contacts).toHaveLength(2);
  });

  it('finds a customer by its English name, ignoring letter case', async () => {
    const res = await reader.get(`/api/v1/customers?${q({ q: 'suzhou precision' })}`);
    expect((res.json().items as { id: string }[]).map((c) => c.id)).toEqual([customer.id]);
  });

  it('finds a customer by its code', async () => {
    const res = await reader.get(`/api/v1/customers?${q({ q: customer.code.toLowerCase() })}`);
    expect((res.json().items as { id: string }[]).map((c) => c.id)).toEqual([customer.id]);
  });

  it('finds nothing for a name that is not there', async () => {
    const res = await reader.get(`/api/v1/customers?${q({ q: '不存在的公司' })}`);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
  });

  it('filters by tier, one or several', async () => {
    const onlyA = (await reader.get('/api/v1/customers?tier=A&pageSize=200')).json().items as { tier: string; name: string }[];
    expect(onlyA.length).toBeGreaterThan(0);
    expect(onlyA.every((c) => c.tier === 'A')).toBe(true);
    expect(onlyA.map((c) => c.name)).toContain('苏州精工机械有限公司');
    const aOrB = (await reader.get('/api/v1/customers?tier=A,B&pageSize=200')).json().items as { tier: string; name: string }[];
    expect(new Set(aOrB.map((c) => c.tier))).toEqual(new Set(['A', 'B']));
    expect(aOrB.map((c) => c.name)).toContain('Hansen Maschinenbau GmbH');
    expectProblem(await reader.get('/api/v1/customers?tier=E'), 400, 'validation_failed');
  });

  it('filters by market and country', async () => {
    const foreign = (await reader.get('/api/v1/customers?market=foreign&pageSize=200')).json().items as { market: string }[];
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.every((c) => c.market === 'foreign')).toBe(true);
    const german = (await reader.get('/api/v1/customers?country=de')).json().items as { name: string }[];
    expect(german.map((c) => c.name)).toEqual(['Hansen Maschinenbau GmbH']);
  });

  it('pages through results with a stable total', async () => {
    for (let i = 1; i <= 7; i += 1) {
      const res = await agent.post('/api/v1/customers', {
        kind: 'company',
        name: `分页测试客户 ${String(i).padStart(2, '0')}`,
        country: 'CN',
      });
      expect(res.statusCode).toBe(201);
    }
    const seen: string[] = [];
    for (const [page, expected] of [
      [1, 3],
      [2, 3],
      [3, 1],
      [4, 0],
    ] as const) {
      const res = await reader.get(`/api/v1/customers?${q({ q: '分页测试', page, pageSize: 3 })}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: 7, page, pageSize: 3 });
      expect(body.items).toHaveLength(expected);
      seen.push(...body.items.map((c: { name: string }) => c.name));
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `分页测试客户 ${String(i + 1).padStart(2, '0')}`));
    expectProblem(await reader.get('/api/v1/customers?pageSize=201'), 400, 'validation_failed');
    expectProblem(await reader.get('/api/v1/customers?page=0'), 400, 'validation_failed');
  });

  it('adds a contact to a customer', async () => {
    const res = await agent.post(`/api/v1/customers/${customer.id}/contacts`, { name: '郑会计', title: '财务', phone: '0512-66880000' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '郑会计', title: '财务', phone: '0512-66880000', email: null, isPrimary: false });
    const contacts = (await reader.get(`/api/v1/customers/${customer.id}`)).json().contacts as { name: string }[];
    expect(contacts.map((c) => c.name)).toEqual(['周经理', '吴工', '郑会计']);
  });

  it('refuses a contact with a bad email, naming email', async () => {
    const res = await agent.post(`/api/v1/customers/${customer.id}/contacts`, { name: '错误邮箱', email: 'not-an-email' });
    expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toEqual(['email']);
  });

  it('answers 404 for a contact added to a customer that does not exist', async () => {
    const res = await agent.post('/api/v1/customers/00000000-0000-4000-8000-000000000000/contacts', { name: '无主联系人' });
    expectProblem(res, 404, 'not_found');
  });
});

describe('products', () => {
  let pump: { id: string; version: number };

  it('creates a product with a default warranty of twelve months', async () => {
    const res = await env.admin.post('/api/v1/products', {
      model: 'VP-40',
      name: '变量柱塞泵',
      nameEn: 'Variable piston pump',
      category: '液压泵',
      productLine: 'hydraulics',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ model: 'VP-40', name: '变量柱塞泵', warrantyMonths: 12, isActive: true, version: 1 });
    pump = res.json();
    await env.admin.post('/api/v1/products', { model: 'GV-100', name: '闸阀', category: '阀门', warrantyMonths: 24 });
    await env.admin.post('/api/v1/products', { model: 'VP-63', name: '变量柱塞泵（大排量）', category: '液压泵' });
  });

  it('refuses a duplicate model with 409 problem+json', async () => {
    const res = await env.admin.post('/api/v1/products', { model: 'VP-40', name: '重复型号', category: '液压泵' });
    expectProblem(res, 409, 'duplicate');
    const all = (await env.admin.get(`/api/v1/products?${q({ q: 'VP-40' })}`)).json().items as { name: string }[];
    expect(all.map((p) => p.name)).toEqual(['变量柱塞泵']);
  });

  it('lists products ordered by model and filters by category', async () => {
    const res = await reader.get('/api/v1/products');
    expect(res.statusCode).toBe(200);
    expect((res.json().items as { model: string }[]).map((p) => p.model)).toEqual(['GV-100', 'VP-40', 'VP-63']);
    expect(res.json().total).toBe(3);
    const pumps = (await reader.get(`/api/v1/products?${q({ category: '液压泵' })}`)).json().items as { model: string }[];
    expect(pumps.map((p) => p.model)).toEqual(['VP-40', 'VP-63']);
  });

  it('searches products by model, Chinese name and English name', async () => {
    const byModel = (await reader.get(`/api/v1/products?${q({ q: 'vp-6' })}`)).json().items as { model: string }[];
    expect(byModel.map((p) => p.model)).toEqual(['VP-63']);
    const byName = (await reader.get(`/api/v1/products?${q({ q: '柱塞泵' })}`)).json().items as { model: string }[];
    expect(byName.map((p) => p.model)).toEqual(['VP-40', 'VP-63']);
    const byEnglish = (await reader.get(`/api/v1/products?${q({ q: 'PISTON' })}`)).json().items as { model: string }[];
    expect(byEnglish.map((p) => p.model)).toEqual(['VP-40']);
  });

  it('reads and edits a product with its version; a stale version is 409 with currentVersion', async () => {
    expect((await reader.get(`/api/v1/products/${pump.id}`)).json().model).toBe('VP-40');
    const res = await env.admin.patch(`/api/v1/products/${pump.id}`, { version: 1, warrantyMonths: 18, productLine: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ warrantyMonths: 18, productLine: null, version: 2, model: 'VP-40' });
    const stale = await env.admin.patch(`/api/v1/products/${pump.id}`, { version: 1, name: '丢失的修改' });
    expect(expectProblem(stale, 409, 'version_conflict').currentVersion).toBe(2);
    expect((await reader.get(`/api/v1/products/${pump.id}`)).json().name).toBe('变量柱塞泵');
  });

  it('refuses a warranty outside 0–240 months, naming warrantyMonths', async () => {
    const res = await env.admin.post('/api/v1/products', { model: 'BAD-1', name: '坏', category: 'x', warrantyMonths: -1 });
    expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toEqual(['warrantyMonths']);
  });

  it('needs products:write to create a product (an agent lacks it)', async () => {
    const res = await agent.post('/api/v1/products', { model: 'AG-1', name: '专员', category: 'x' });
    expect(expectProblem(res, 403, 'forbidden').permission).toBe('products:write');
  });
});

describe('installed units', () => {
  let customerId: string;
  let otherCustomerId: string;
  let monthly: { id: string; model: string };
  let yearly: { id: string };
  let unitId: string;

  beforeAll(async () => {
    customerId = (await agent.post('/api/v1/customers', { kind: 'company', name: '无锡重工', country: 'CN' })).json().id;
    otherCustomerId = (await agent.post('/api/v1/customers', { kind: 'company', name: '常州电机', country: 'CN' })).json().id;
    monthly = (
      await env.admin.post('/api/v1/products', { model: 'TEST-1M', name: '一个月保修', category: '测试', warrantyMonths: 1 })
    ).json();
    yearly = (
      await env.admin.post('/api/v1/products', { model: 'TEST-12M', name: '一年保修', category: '测试', warrantyMonths: 12 })
    ).json();
  });

  it('ends the warranty the product’s warranty months after installation, clamped to the month’s last day', async () => {
    const res = await agent.post('/api/v1/units', {
      serial: 'SN-2026-0131-A',
      productId: monthly.id,
      customerId,
      batch: 'B2601',
      shipDate: '2026-01-20',
      installDate: '2026-01-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      serial: 'SN-2026-0131-A',
      productId: monthly.id,
      productModel: 'TEST-1M',
      customerId,
      customerName: '无锡重工',
      batch: 'B2601',
      shipDate: '2026-01-20',
      installDate: '2026-01-31',
      warrantyEnd: '2026-02-28',
      version: 1,
    });
    unitId = res.json().id;
  });

  it('clamps to 29 February in a leap year', async () => {
    const res = await agent.post('/api/v1/units', { serial: 'SN-LEAP', productId: monthly.id, installDate: '2028-01-31' });
    expect(res.json().warrantyEnd).toBe('2028-02-29');
  });

  it('counts from the ship date when there is no installation date, and keeps an explicit warranty end', async () => {
    const shipped = await agent.post('/api/v1/units', { serial: 'SN-SHIP', productId: yearly.id, shipDate: '2026-05-10' });
    expect(shipped.json().warrantyEnd).toBe('2027-05-10');
    const explicit = await agent.post('/api/v1/units', {
      serial: 'SN-EXPLICIT',
      productId: yearly.id,
      installDate: '2026-05-10',
      warrantyEnd: '2029-12-31',
    });
    expect(explicit.json().warrantyEnd).toBe('2029-12-31');
    const undated = await agent.post('/api/v1/units', { serial: 'SN-UNDATED', productId: yearly.id });
    expect(undated.json()).toMatchObject({ warrantyEnd: null, isUnderWarranty: null, customerId: null, customerName: null });
  });

  it('computes isUnderWarranty against the clock, by the calendar day in the configured time zone', async () => {
    // Last day of the warranty, late evening in Shanghai.
    env.clock.now = new Date('2026-02-28T23:30:00+08:00');
    expect((await agent.get(`/api/v1/units/${unitId}`)).json().isUnderWarranty).toBe(true);
    // Half past midnight on 1 March in Shanghai, still 28 February in UTC.
    env.clock.now = new Date('2026-03-01T00:30:00+08:00');
    expect((await agent.get(`/api/v1/units/${unitId}`)).json().isUnderWarranty).toBe(false);
    const listed = (await agent.get(`/api/v1/units?${q({ customerId })}`)).json().items as { id: string; isUnderWarranty: boolean }[];
    expect(listed.find((u) => u.id === unitId)?.isUnderWarranty).toBe(false);
    env.clock.now = new Date('2026-02-01T09:00:00+08:00');
    expect((await agent.get(`/api/v1/units/${unitId}`)).json().isUnderWarranty).toBe(true);
  });

  it('finds a unit by serial regardless of letter case, and only that unit', async () => {
    const res = await reader.get(`/api/v1/units?${q({ serial: 'sn-2026-0131-a' })}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json().items as { id: string }[]).map((u) => u.id)).toEqual([unitId]);
    expect(res.json().total).toBe(1);
    // An exact match: a prefix of the serial finds nothing.
    expect((await reader.get(`/api/v1/units?${q({ serial: 'SN-2026' })}`)).json().total).toBe(0);
  });

  it('filters units by customer', async () => {
    await agent.post('/api/v1/units', { serial: 'SN-OTHER', productId: yearly.id, customerId: otherCustomerId });
    const mine = (await reader.get(`/api/v1/units?${q({ customerId })}`)).json();
    expect((mine.items as { serial: string }[]).map((u) => u.serial)).toEqual(['SN-2026-0131-A']);
    expect(mine.total).toBe(1);
    const theirs = (await reader.get(`/api/v1/units?${q({ customerId: otherCustomerId })}`)).json().items as { serial: string }[];
    expect(theirs.map((u) => u.serial)).toEqual(['SN-OTHER']);
  });

  it('refuses an unknown productId with 400 naming productId', async () => {
    const res = await agent.post('/api/v1/units', { serial: 'SN-NOPRODUCT', productId: '00000000-0000-4000-8000-000000000000' });
    expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toEqual(['productId']);
  });

  it('refuses an unknown customerId with 400 naming customerId', async () => {
    const res = await agent.post('/api/v1/units', {
      serial: 'SN-NOCUSTOMER',
      productId: yearly.id,
      customerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toEqual(['customerId']);
  });

  it('refuses an installation date before the ship date, naming installDate', async () => {
    const res = await agent.post('/api/v1/units', {
      serial: 'SN-BACKWARDS',
      productId: yearly.id,
      shipDate: '2026-03-10',
      installDate: '2026-03-01',
    });
    expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toEqual(['installDate']);
    expect((await reader.get(`/api/v1/units?${q({ serial: 'SN-BACKWARDS' })}`)).json().total).toBe(0);
  });

  it('refuses an edit that would put the installation date before the ship date', async () => {
    const unit = (await agent.get(`/api/v1/units/${unitId}`)).json();
    const res = await agent.patch(`/api/v1/units/${unitId}`, { version: unit.version, installDate: '2026-01-10' });
    expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toEqual(['installDate']);
    const res2 = await agent.patch(`/api/v1/units/${unitId}`, { version: unit.version, shipDate: '2026-02-10' });
    expect(fieldsOf(expectProblem(res2, 400, 'validation_failed'))).toEqual(['installDate']);
  });

  it('refuses an impossible calendar date, naming the field', async () => {
    const res = await agent.post('/api/v1/units', { serial: 'SN-FEB30', productId: yearly.id, installDate: '2026-02-30' });
    expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toEqual(['installDate']);
  });

  it('refuses a second unit with the same serial with 409', async () => {
    const res = await agent.post('/api/v1/units', { serial: 'SN-2026-0131-A', productId: yearly.id });
    expectProblem(res, 409, 'duplicate');
  });

  it('edits a unit with its version; a stale version is 409 with currentVersion', async () => {
    const unit = (await agent.get(`/api/v1/units/${unitId}`)).json();
    const res = await agent.patch(`/api/v1/units/${unitId}`, { version: unit.version, batch: 'B2601-R', customerId: otherCustomerId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      batch: 'B2601-R',
      customerId: otherCustomerId,
      customerName: '常州电机',
      version: unit.version + 1,
    });
    const stale = await agent.patch(`/api/v1/units/${unitId}`, { version: unit.version, batch: 'lost' });
    expect(expectProblem(stale, 409, 'version_conflict').currentVersion).toBe(unit.version + 1);
  });
});
