import { CASE_EVENT_KINDS } from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NewCaseEvent, recordCaseEvents } from '../src/features/timeline/index.ts';
import type { Actor } from '../src/lib/actor.ts';
import { sqlStateOf } from '../src/lib/sql.ts';
import { type Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
let agent: Client & { userId: string };
let caseId: string;

type Item = { kind: string; recordedKind?: string; actor: { id: string } | null; channel: string; data: Record<string, unknown> | null };
const timeline = async (client: Client) => {
  const res = await client.get(`/api/v1/cases/${caseId}/events`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Item[];
};
const insertRow = (kind: string, data: unknown) =>
  env.database.db.execute(
    sql`INSERT INTO case_events (case_id, channel, kind, data) VALUES (${caseId}, 'system', ${kind}, ${JSON.stringify(data)}::jsonb)`,
  );

beforeAll(async () => {
  env = await createTestEnv();
  agent = await env.userWith(['agent']);
  const res = await agent.post('/api/v1/cases', { type: 'complaint', title: '液压泵漏油', channel: 'phone' });
  expect(res.statusCode, res.body).toBe(201);
  caseId = res.json().id;
});
afterAll(async () => env?.close());

describe('the case timeline', () => {
  it('refuses a kind outside the domain list in the database itself', async () => {
    const error = await insertRow('status_changed', {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(sqlStateOf(error)).toBe('23514');
    expect(String((error as { cause?: unknown }).cause ?? error)).toContain('case_events_kind_check');
  });

  it('refuses an event whose data does not fit its kind before anything is written', async () => {
    const wrong = { kind: 'transition', data: { action: 'close' } } as unknown as NewCaseEvent;
    const before = (await timeline(env.admin)).length;
    await expect(recordCaseEvents(env.database.db, { actor: undefined, now: () => new Date() }, caseId, [wrong])).rejects.toThrow(
      /"transition" does not match its schema/,
    );
    expect(await timeline(env.admin)).toHaveLength(before);
  });

  it('records the kinds the system owns without a person, whoever caused them', async () => {
    const actor: Actor = { userId: agent.userId, displayName: '受理专员', permissions: new Set(), via: 'session' };
    const ctx = { actor, now: () => new Date() };
    const [rule, comment] = await recordCaseEvents(env.database.db, ctx, caseId, [
      { kind: 'assigned_by_rule', data: { ruleId: caseId, ruleName: '华东液压' } },
      { kind: 'commented', body: '已电话联系客户', visibility: 'internal' },
    ]);
    expect(rule).toMatchObject({ kind: 'assigned_by_rule', actorId: null, channel: 'system' });
    expect(comment).toMatchObject({ kind: 'commented', actorId: agent.userId, channel: 'web', data: null });
  });

  it('shows a stored row that does not match its kind as unrecognized, and keeps the rest of the timeline typed', async () => {
    await insertRow('transition', { verb: 'close' });
    await insertRow('cost_recorded', { amount: 99, note: 'before the kinds were typed' });
    const items = await timeline(env.admin);
    expect(items[0]).toMatchObject({ kind: 'created', data: { type: 'complaint', intakeChannel: 'phone' } });
    expect(items.filter((e) => e.kind === 'unrecognized')).toEqual([
      expect.objectContaining({ recordedKind: 'transition', data: { verb: 'close' } }),
      expect.objectContaining({ recordedKind: 'cost_recorded', data: { amount: 99, note: 'before the kinds were typed' } }),
    ]);
    expect(items.every((e) => e.kind === 'unrecognized' || (CASE_EVENT_KINDS as readonly string[]).includes(e.kind))).toBe(true);

    // Without costs:read the amount stays hidden, recognized or not.
    const seen = (await timeline(agent)).find((e) => e.recordedKind === 'cost_recorded');
    expect(seen?.data).toEqual({ note: 'before the kinds were typed' });

    // The clocks read the same timeline: the odd rows move nothing and break nothing.
    const reply = await agent.post(`/api/v1/cases/${caseId}/comments`, { body: '您好，工程师明天到现场。', visibility: 'customer' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ kind: 'commented', visibility: 'customer', data: null });
  });

  it('documents each kind with its data in the OpenAPI document', async () => {
    const doc = (await env.anonymous.get('/api/openapi.json')).json();
    const schema = doc.paths['/api/v1/cases/{id}/events'].get.responses['200'].content['application/json'].schema;
    const kinds = (schema.properties.items.items.oneOf as { properties: { kind: { enum: string[] } } }[]).flatMap(
      (m) => m.properties.kind.enum,
    );
    expect(kinds).toEqual([...CASE_EVENT_KINDS, 'unrecognized']);
  });
});
