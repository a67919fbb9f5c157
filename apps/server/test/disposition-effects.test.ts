import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/lib/sql.ts';
import { type Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';
import { signaturePng } from '../src/testing/png.ts';

/**
 * What a disposition's use cases write besides the disposition, each in the use case's one
 * transaction: the customer's signature with its attachment and file, and the notice to whoever
 * may decide an approval request.
 */
let env: TestEnv;
type User = Client & { userId: string };
let agent: User;
let qe: User;
let proposingGm: User;
let otherGm: User;

beforeAll(async () => {
  env = await createTestEnv();
  agent = await env.userWith(['agent'], { displayName: '张敏', department: 'sales' });
  qe = await env.userWith(['quality_engineer'], { displayName: '李工', department: 'quality' });
  proposingGm = await env.userWith(['gm'], { displayName: '赵总', department: 'gm_office' });
  otherGm = await env.userWith(['gm'], { displayName: '钱总', department: 'gm_office' });
});
afterAll(() => env.close());

const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await env.database.db.execute(q));

async function act(by: Client, id: string, action: string, extra: Record<string, unknown> = {}) {
  const current = (await by.get(`/api/v1/dispositions/${id}`)).json();
  const res = await by.post(`/api/v1/dispositions/${id}/actions`, { action, version: current.version, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

async function openCase() {
  const res = await agent.post('/api/v1/cases', { type: 'complaint', title: '封口温度波动', channel: 'phone' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

describe('the customer signature', () => {
  it('leaves no attachment row and no new file when recording the signature fails', async () => {
    const c = await openCase();
    const created = await agent.post(`/api/v1/cases/${c.id}/dispositions`, {
      details: { kind: 'service_order', engineerIds: [qe.userId] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await act(agent, id, 'submit');
    await act(agent, id, 'start');
    // A size no other test draws: its content (and so its file) is new to the store.
    const png = signaturePng(311, 97);
    const stored = (() => {
      const sha = createHash('sha256').update(png).digest('hex');
      return path.join(env.config.attachmentsDir, sha.slice(0, 2), sha.slice(2, 4), sha);
    })();
    expect(fs.existsSync(stored)).toBe(false);
    // The last write of the transaction fails: the attachment and its timeline entry were written before it.
    await env.database.db.execute(sql`
      CREATE FUNCTION refuse_signed_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'service_memo_signed' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$`);
    await env.database.db.execute(
      sql`CREATE TRIGGER refuse_signed_event BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION refuse_signed_event()`,
    );
    try {
      const version = (await qe.get(`/api/v1/dispositions/${id}`)).json().version;
      const res = await qe.post(`/api/v1/dispositions/${id}/signature`, { pngBase64: png.toString('base64'), signedBy: '王建国', version });
      expect(res.statusCode).toBe(500);
    } finally {
      await env.database.db.execute(sql`DROP TRIGGER refuse_signed_event ON case_events`);
      await env.database.db.execute(sql`DROP FUNCTION refuse_signed_event()`);
    }
    expect(await query(sql`SELECT id FROM attachments WHERE case_id = ${c.id}`)).toEqual([]);
    expect(await query(sql`SELECT id FROM case_events WHERE case_id = ${c.id} AND kind = 'attachment_added'`)).toEqual([]);
    expect(fs.existsSync(stored)).toBe(false);
    const d = (await qe.get(`/api/v1/dispositions/${id}`)).json();
    expect(d.signature).toBeNull();

    // Signed again once nothing stands in the way: the file, its attachment and the signature together.
    const res = await qe.post(`/api/v1/dispositions/${id}/signature`, {
      pngBase64: png.toString('base64'),
      signedBy: '王建国',
      version: d.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [attachment] = await query<{ id: string }>(sql`SELECT id FROM attachments WHERE case_id = ${c.id}`);
    expect(res.json().signature).toMatchObject({ signedBy: '王建国', attachmentId: attachment?.id });
    expect(fs.existsSync(stored)).toBe(true);
  });
});

describe('approval requests', () => {
  it('tell whoever may decide through the outbox, not the proposer nor the requester', async () => {
    const c = await openCase();
    // ¥50,000 of compensation is the general manager's band; one GM proposes it, the agent submits it.
    const created = await proposingGm.post(`/api/v1/cases/${c.id}/dispositions`, {
      details: { kind: 'compensation', amount: 50000, form: 'payment' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(await query(sql`SELECT id FROM outbox WHERE case_id = ${c.id} AND payload->>'template' = 'approval_requested'`)).toEqual([]);
    await act(agent, id, 'submit');

    const told = await query<{ user_id: string }>(
      sql`SELECT payload->>'userId' AS user_id FROM outbox WHERE case_id = ${c.id} AND payload->>'template' = 'approval_requested'`,
    );
    const recipients = told.map((r) => r.user_id);
    expect(recipients).toContain(otherGm.userId);
    expect(recipients).not.toContain(proposingGm.userId);
    expect(recipients).not.toContain(agent.userId);
    const bell = (await otherGm.get('/api/v1/me/notifications')).json().items as { kind: string; params: Record<string, unknown> }[];
    expect(bell).toContainEqual(
      expect.objectContaining({
        kind: 'approval_requested',
        params: expect.objectContaining({ caseNumber: c.number, amount: 50000, dispositionNumber: created.json().number }),
      }),
    );
    expect(((await proposingGm.get('/api/v1/me/notifications')).json().items as { kind: string }[]).map((n) => n.kind)).not.toContain(
      'approval_requested',
    );
  });
});
