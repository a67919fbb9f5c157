import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/lib/sql.ts';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
let caseId: string;

// A valid 1×1 PNG.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);

function multipart(filename: string, content: Buffer, field = 'file', type = 'application/octet-stream') {
  const boundary = `----closeloop${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (filename: string, content: Buffer, field?: string) => {
  const m = multipart(filename, content, field);
  return env.admin.post(`/api/v1/cases/${caseId}/attachments`, m.body, m.headers);
};

const attachmentRows = async () =>
  Number(rowsOf<{ n: number }>(await env.database.db.execute(sql`SELECT count(*)::int AS n FROM attachments`))[0]?.n);

const storedFiles = () => {
  const dir = env.config.attachmentsDir;
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
};

beforeAll(async () => {
  env = await createTestEnv({ ATTACHMENT_MAX_BYTES: String(64 * 1024) });
  caseId = (await env.admin.post('/api/v1/cases', { type: 'complaint', title: '外壳开裂', channel: 'email' })).json().id;
});
afterAll(async () => env?.close());

describe('attachments', () => {
  it('stores a photo with a Chinese name, checksummed, and serves it back', async () => {
    const res = await upload('现场照片 1.png', PNG);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ caseId, filename: '现场照片 1.png', contentType: 'image/png', size: PNG.length });
    expect(a.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    const file = path.join(env.config.attachmentsDir, a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256);
    expect(fs.readFileSync(file).equals(PNG)).toBe(true);

    const down = await env.admin.get(`/api/v1/cases/${caseId}/attachments/${a.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PNG)).toBe(true);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('现场照片 1.png')}`);

    const list = (await env.admin.get(`/api/v1/cases/${caseId}/attachments`)).json().items;
    expect(list.map((x: { id: string }) => x.id)).toContain(a.id);
    const events = (await env.admin.get(`/api/v1/cases/${caseId}/events`)).json().items;
    expect(events.at(-1)).toMatchObject({ kind: 'attachment_added', data: { attachmentId: a.id, filename: '现场照片 1.png' } });
  });

  it('offers office files for download rather than inline', async () => {
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
    const a = (await upload('8D报告.docx', docx)).json();
    const down = await env.admin.get(`/api/v1/cases/${caseId}/attachments/${a.id}`);
    expect(down.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('refuses a file type outside the list, writing nothing', async () => {
    const rows = await attachmentRows();
    const files = storedFiles().length;
    const res = await upload('setup.exe', Buffer.from('MZ....'));
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'unsupported_media_type', errors: [{ field: 'file' }] });
    expect(await attachmentRows()).toBe(rows);
    expect(storedFiles().length).toBe(files);
  });

  it('refuses content that does not match its extension', async () => {
    const res = await upload('photo.jpg', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(res.statusCode).toBe(415);
    expect(res.json().detail).toContain('not a .jpg file');
  });

  it('refuses a file over the size limit, leaving no file and no row', async () => {
    const rows = await attachmentRows();
    const files = storedFiles().length;
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100 * 1024, 0x20)]);
    const res = await upload('manual.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await attachmentRows()).toBe(rows);
    expect(storedFiles().length).toBe(files);
  });

  it('needs the field "file" and a multipart body', async () => {
    const wrongField = await upload('a.png', PNG, 'photo');
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().errors[0].field).toBe('file');
    const json = await env.admin.post(`/api/v1/cases/${caseId}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(415);
  });

  describe('multipart bodies that are not one named file answer 4xx, never 500', () => {
    const boundary = 'closeloop-test-boundary';
    /** A multipart body from raw parts (headers + blank line + content), with or without its closing line. */
    const raw = (parts: string[], { close = true } = {}) =>
      Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}${close ? `--${boundary}--\r\n` : ''}`);
    const post = (body: Buffer, contentType = `multipart/form-data; boundary=${boundary}`) =>
      env.admin.post(`/api/v1/cases/${caseId}/attachments`, body, { 'content-type': contentType });
    const expectProblem = (res: Awaited<ReturnType<typeof post>>, status: number, field?: string) => {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (field) expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    };

    it('a file part without a file name', async () => {
      const rows = await attachmentRows();
      expectProblem(
        await post(raw(['Content-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\nabc'])),
        400,
        'file',
      );
      expect(await attachmentRows()).toBe(rows);
    });

    it('a text field where the file is expected', async () => {
      expectProblem(await post(raw(['Content-Disposition: form-data; name="file"\r\n\r\nabc'])), 400, 'file');
    });

    it('two files in one request', async () => {
      const rows = await attachmentRows();
      const file = (name: string) =>
        `Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\nabc`;
      expectProblem(await post(raw([file('a.txt'), file('b.txt')])), 400, 'file');
      expect(await attachmentRows()).toBe(rows);
    });

    it('an empty file', async () => {
      expectProblem(
        await post(raw(['Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n'])),
        400,
        'file',
      );
    });

    it('a body cut off before its closing boundary, or no boundary at all', async () => {
      const rows = await attachmentRows();
      const files = storedFiles().length;
      const cut = raw(['Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc'], {
        close: false,
      });
      expectProblem(await post(cut), 400, 'file');
      expectProblem(await post(Buffer.from('not multipart at all')), 400, 'file');
      expectProblem(await post(Buffer.from('x'), 'multipart/form-data'), 400, 'file');
      expect(await attachmentRows()).toBe(rows);
      expect(storedFiles().length).toBe(files);
    });
  });

  it('answers 404 for an attachment of another case', async () => {
    const other = (await env.admin.post('/api/v1/cases', { type: 'inquiry', title: '其他', channel: 'phone' })).json().id;
    const a = (await upload('b.png', PNG)).json();
    expect((await env.admin.get(`/api/v1/cases/${other}/attachments/${a.id}`)).statusCode).toBe(404);
  });
});
