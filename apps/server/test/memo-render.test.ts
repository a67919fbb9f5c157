import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdMemoRenders, memoRenderStats } from '../src/features/dispositions/memo/off-thread.ts';
import { type Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';
import { chunk, PNG_MAGIC, signaturePng } from '../src/testing/png.ts';

/**
 * The signature "image bomb" (issue 8 §2): a tiny PNG announcing 8000×8000 pixels was accepted
 * and every memo download decoded it on the event loop. Signatures are checked at upload, the
 * renderer checks again, renders run off the main thread, and a rendered memo is kept.
 */
let env: TestEnv;
type User = Client & { userId: string };
let agent: User;
let qe: User;
let reader: User;

/** 8000×8000 RGBA whose image data is empty rows: a few hundred bytes that promise 256 MB of pixels. */
function bombPng(width = 8000, height = 8000) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  // A few rows of zeros stand for the rest; the header alone must be enough to refuse it.
  const idat = deflateSync(Buffer.alloc(64 * (1 + width * 4)), { level: 9 });
  return Buffer.concat([PNG_MAGIC, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

beforeAll(async () => {
  env = await createTestEnv();
  agent = await env.userWith(['agent'], { displayName: '张敏', department: 'sales' });
  qe = await env.userWith(['quality_engineer'], { displayName: '李工', department: 'quality' });
  reader = await env.userWith(['read_only']);
});
afterAll(() => env.close());

async function act(by: Client, id: string, action: string, extra: Record<string, unknown> = {}) {
  const current = (await by.get(`/api/v1/dispositions/${id}`)).json();
  const res = await by.post(`/api/v1/dispositions/${id}/actions`, { action, version: current.version, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

/** A started service order with the work recorded, ready for the customer's signature. */
async function serviceOrder() {
  const c = (await agent.post('/api/v1/cases', { type: 'complaint', title: '封口温度波动', channel: 'phone' })).json();
  const created = await agent.post(`/api/v1/cases/${c.id}/dispositions`, { details: { kind: 'service_order', engineerIds: [qe.userId] } });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  await act(agent, id, 'submit');
  await act(agent, id, 'start');
  await act(qe, id, 'update', {
    details: { arrivedAt: new Date().toISOString(), workDone: '更换 K 型热电偶，试运行正常。', satisfaction: 5 },
  });
  return id;
}

const sign = async (id: string, png: Buffer) => {
  const version = (await qe.get(`/api/v1/dispositions/${id}`)).json().version;
  return qe.post(`/api/v1/dispositions/${id}/signature`, { pngBase64: png.toString('base64'), signedBy: '王建国', version });
};

describe('signature image bomb', () => {
  it('refuses an 8000×8000 PNG at upload with a 400 naming the field, storing nothing', async () => {
    const id = await serviceOrder();
    const bomb = bombPng();
    expect(bomb.length).toBeLessThan(2_000_000);
    const res = await sign(id, bomb);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'pngBase64', code: 'image_too_large' })]);
    expect(res.json().detail).toContain('8000×8000');
    const d = (await qe.get(`/api/v1/dispositions/${id}`)).json();
    expect(d.signature).toBeNull();
  });

  it('refuses a PNG that is cut short', async () => {
    const id = await serviceOrder();
    const png = signaturePng();
    const res = await sign(id, png.subarray(0, png.length - 20));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'pngBase64', code: 'not_png' });
  });

  it('takes a normal signature, and the memo carries it', async () => {
    const id = await serviceOrder();
    const res = await sign(id, signaturePng());
    expect(res.statusCode, res.body).toBe(200);
    const pdf = await reader.get(`/api/v1/dispositions/${id}/memo.pdf?lang=zh-CN`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
  });
});

describe('memo rendering', () => {
  it('renders off the event loop: /api/health answers while a memo is being rendered', async () => {
    const id = await serviceOrder();
    expect((await sign(id, signaturePng())).statusCode).toBe(200);
    const hold = holdMemoRenders();
    let settled = false;
    const download = reader.get(`/api/v1/dispositions/${id}/memo.pdf?lang=en-US`).finally(() => {
      settled = true;
    });
    try {
      await hold.started;
      const health = await env.anonymous.get('/api/health');
      expect(health.statusCode).toBe(200);
      expect(settled).toBe(false);
    } finally {
      hold.release();
    }
    const pdf = await download;
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('renders a memo once per content and language; a change renders it again', async () => {
    const id = await serviceOrder();
    expect((await sign(id, signaturePng())).statusCode).toBe(200);
    const before = memoRenderStats.renders;
    const first = await reader.get(`/api/v1/dispositions/${id}/memo.pdf?lang=zh-CN`);
    expect(first.statusCode).toBe(200);
    expect(memoRenderStats.renders).toBe(before + 1);
    const second = await agent.get(`/api/v1/dispositions/${id}/memo.pdf?lang=zh-CN`);
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(memoRenderStats.renders).toBe(before + 1);

    await reader.get(`/api/v1/dispositions/${id}/memo.pdf?lang=en-US`);
    expect(memoRenderStats.renders).toBe(before + 2);

    await act(qe, id, 'update', { details: { workDone: '更换 K 型热电偶并重新标定，试运行正常。' } });
    const changed = await reader.get(`/api/v1/dispositions/${id}/memo.pdf?lang=zh-CN`);
    expect(changed.statusCode).toBe(200);
    expect(memoRenderStats.renders).toBe(before + 3);
    expect(changed.rawPayload.equals(first.rawPayload)).toBe(false);
  });
});
