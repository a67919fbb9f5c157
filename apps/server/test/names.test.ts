import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * Bidirectional controls in names (issue 8 §3): `evil\u202Egnp.txt` displays as `eviltxt.png`.
 * File names lose every bidi and control character, on upload and whenever shown; short free
 * texts (titles, names) lose the embedding, override and isolate controls that reorder text.
 */
let env: TestEnv;
let caseId: string;

const RLO = '\u202E';

function upload(filename: string, content = Buffer.from('hello')) {
  const boundary = 'closeloop-names-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`,
    'utf8',
  );
  const body = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return env.admin.post(`/api/v1/cases/${caseId}/attachments`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

beforeAll(async () => {
  env = await createTestEnv();
  caseId = (await env.admin.post('/api/v1/cases', { type: 'complaint', title: '外壳开裂', channel: 'email' })).json().id;
});
afterAll(async () => env?.close());

describe('file names', () => {
  it('drops a right-to-left override from an uploaded name, so evil‮gnp.txt stays a .txt', async () => {
    const res = await upload(`evil${RLO}gnp.txt`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().filename).toBe('evilgnp.txt');
    const down = await env.admin.get(`/api/v1/cases/${caseId}/attachments/${res.json().id}`);
    expect(down.headers['content-disposition']).not.toContain('%E2%80%AE');
    expect(down.headers['content-disposition']).toContain("filename*=UTF-8''evilgnp.txt");
    const events = (await env.admin.get(`/api/v1/cases/${caseId}/events`)).json().items;
    expect(events.at(-1).data.filename).toBe('evilgnp.txt');
  });

  it('drops every bidi control and C0/C1 control character', async () => {
    const controls = [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
      '\u0085',
      '\u009B',
      '\u2028',
    ];
    const res = await upload(`a${controls.join('')}b.txt`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().filename).toBe('ab.txt');
  });

  it('keeps a Chinese name byte for byte', async () => {
    const name = '测试照片（现场）.txt';
    const res = await upload(name);
    expect(res.json().filename).toBe(name);
    expect(Buffer.from(res.json().filename, 'utf8').equals(Buffer.from(name, 'utf8'))).toBe(true);
    const down = await env.admin.get(`/api/v1/cases/${caseId}/attachments/${res.json().id}`);
    expect(down.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
  });

  it('cleans a name stored before this check when listing and downloading it', async () => {
    const res = await upload('old.txt');
    const id = res.json().id as string;
    await env.database.db.execute(sql`UPDATE attachments SET filename = ${`old${RLO}gnp.txt`} WHERE id = ${id}`);
    const list = (await env.admin.get(`/api/v1/cases/${caseId}/attachments`)).json().items as { id: string; filename: string }[];
    expect(list.find((a) => a.id === id)?.filename).toBe('oldgnp.txt');
    const down = await env.admin.get(`/api/v1/cases/${caseId}/attachments/${id}`);
    expect(down.headers['content-disposition']).not.toContain('%E2%80%AE');
  });
});

describe('names and titles', () => {
  it('drops override, embedding and isolate controls from a case title, a customer name and a display name', async () => {
    const c = await env.admin.post('/api/v1/cases', { type: 'complaint', title: `退款 ${RLO}000,05¥`, channel: 'email' });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().title).toBe('退款 000,05¥');
    const customer = await env.admin.post('/api/v1/customers', { kind: 'company', name: `宁波\u2067精密\u2069`, country: 'CN', tier: 'B' });
    expect(customer.statusCode, customer.body).toBe(201);
    expect(customer.json().name).toBe('宁波精密');
    const user = await env.userWith(['agent'], { displayName: `张\u202D敏` });
    const me = (await user.get('/api/v1/auth/me')).json();
    expect(JSON.stringify(me)).not.toContain('\u202D');
    expect(JSON.stringify(me)).toContain('张敏');
  });
});
