import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { cleanFilename } from '../../lib/names.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { presentAttachment } from './presenter.ts';
import * as repo from './repository.ts';

/**
 * Accepted kinds: photos, video, PDF, office files, plain text. The first bytes must match the
 * extension's signature, so a renamed executable or HTML page is refused.
 */
const KINDS: Record<string, { type: string; magic?: (head: Buffer) => boolean }> = {};
const add = (exts: string[], type: string, magic?: (head: Buffer) => boolean) => {
  for (const e of exts) KINDS[e] = { type, ...(magic ? { magic } : {}) };
};
const startsWith =
  (...sig: number[]) =>
  (h: Buffer) =>
    sig.every((b, i) => h[i] === b);
const isZip = startsWith(0x50, 0x4b, 0x03, 0x04);
const isOle = startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
const isFtyp = (h: Buffer) => h.subarray(4, 8).toString('latin1') === 'ftyp';
const isText = (h: Buffer) => !h.includes(0);
add(['jpg', 'jpeg'], 'image/jpeg', startsWith(0xff, 0xd8, 0xff));
add(['png'], 'image/png', startsWith(0x89, 0x50, 0x4e, 0x47));
add(['gif'], 'image/gif', (h) => h.subarray(0, 4).toString('latin1') === 'GIF8');
add(['webp'], 'image/webp', (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP');
add(['heic', 'heif'], 'image/heic', isFtyp);
add(['bmp'], 'image/bmp', startsWith(0x42, 0x4d));
add(['mp4', 'm4v'], 'video/mp4', isFtyp);
add(['mov'], 'video/quicktime', isFtyp);
add(['avi'], 'video/x-msvideo', (h) => h.subarray(0, 4).toString('latin1') === 'RIFF');
add(['pdf'], 'application/pdf', (h) => h.subarray(0, 5).toString('latin1') === '%PDF-');
add(['docx'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', isZip);
add(['xlsx'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', isZip);
add(['pptx'], 'application/vnd.openxmlformats-officedocument.presentationml.presentation', isZip);
add(['doc'], 'application/msword', isOle);
add(['xls'], 'application/vnd.ms-excel', isOle);
add(['ppt'], 'application/vnd.ms-powerpoint', isOle);
add(['zip'], 'application/zip', isZip);
add(['txt', 'log'], 'text/plain; charset=utf-8', isText);
add(['csv'], 'text/csv; charset=utf-8', isText);

export const ACCEPTED_EXTENSIONS = Object.keys(KINDS);

/** Shown inline in the browser; everything else downloads. */
const INLINE = /^(image\/(jpeg|png|gif|webp|bmp)|video\/|application\/pdf)/;

const unsupported = (message: string) =>
  new DomainError('unsupported_media_type', message, {
    errors: [{ field: 'file', message }],
    extra: { accepted: ACCEPTED_EXTENSIONS },
  });

const storageKeyOf = (sha256: string) => path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256);

/**
 * Store an upload: stream to a temporary file while hashing, check size and signature, move it to
 * its content-addressed place, then record it and a timeline event in one transaction. On any
 * failure nothing remains: no row, no new file. `finish` reads what follows the file in the
 * request and refuses a second file.
 */
export async function attachFile(
  ctx: Ctx,
  idOrNumber: string,
  upload: { filename: string; stream: Readable; truncated: () => boolean; finish?: () => Promise<void> },
) {
  ensure(ctx.actor, 'cases:comment');
  const actor = ctx.actor;
  const current = await repo.findCase(ctx.db, idOrNumber);
  if (!current) {
    upload.stream.resume();
    throw notFound('case', idOrNumber);
  }
  const filename = cleanFilename(upload.filename);
  const ext = path.extname(filename).slice(1).toLowerCase();
  const kind = KINDS[ext];
  if (!kind) {
    upload.stream.resume();
    throw unsupported(`files of type .${ext || '(none)'} are not accepted; accepted: ${ACCEPTED_EXTENSIONS.join(', ')}`);
  }

  const dir = ctx.config.attachmentsDir;
  const tmpDir = path.join(dir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  let createdFile: string | undefined;
  try {
    await pipeline(upload.stream, meter, fs.createWriteStream(tmp, { mode: 0o600 }));
    if (upload.truncated()) {
      throw new DomainError('payload_too_large', `the file is larger than ${ctx.config.attachmentMaxBytes} bytes`, {
        errors: [{ field: 'file', message: `at most ${ctx.config.attachmentMaxBytes} bytes` }],
      });
    }
    await upload.finish?.();
    if (size === 0) throw new DomainError('validation_failed', 'the file is empty', { errors: [{ field: 'file', message: 'is empty' }] });
    if (kind.magic && !kind.magic(head)) throw unsupported(`the content is not a .${ext} file`);
    const sha256 = hash.digest('hex');
    const storageKey = storageKeyOf(sha256);
    const final = path.join(dir, storageKey);
    if (fs.existsSync(final)) {
      fs.rmSync(tmp, { force: true });
    } else {
      fs.mkdirSync(path.dirname(final), { recursive: true });
      fs.renameSync(tmp, final);
      createdFile = final;
    }
    const row = await ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      const inserted = await repo.insertAttachment(tx, {
        caseId: current.id,
        filename,
        contentType: kind.type,
        size,
        sha256,
        storageKey,
        uploadedById: actor.userId,
        createdAt: now,
      });
      await recordCaseEvents(tx, ctx, current.id, [
        { kind: 'attachment_added', at: now, data: { attachmentId: inserted.id, filename, size, contentType: kind.type } },
      ]);
      await repo.touchCase(tx, current.id, now);
      return inserted;
    });
    return presentAttachment({ a: row, uploaderName: actor.displayName });
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (createdFile) fs.rmSync(createdFile, { force: true });
    throw e;
  }
}

export async function listAttachments(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'cases:read');
  const current = await repo.findCase(ctx.db, idOrNumber);
  if (!current) throw notFound('case', idOrNumber);
  return (await repo.listAttachments(ctx.db, current.id)).map(presentAttachment);
}

/** Open an attachment's content for download. */
export async function openAttachment(ctx: Ctx, idOrNumber: string, attachmentId: string) {
  ensure(ctx.actor, 'cases:read');
  const current = await repo.findCase(ctx.db, idOrNumber);
  if (!current) throw notFound('case', idOrNumber);
  const found = await repo.findAttachment(ctx.db, current.id, attachmentId);
  if (!found) throw notFound('attachment', attachmentId);
  const file = path.join(ctx.config.attachmentsDir, found.a.storageKey);
  if (!fs.existsSync(file)) throw notFound('attachment content', attachmentId);
  return {
    meta: presentAttachment(found),
    stream: fs.createReadStream(file),
    disposition: INLINE.test(found.a.contentType) ? 'inline' : 'attachment',
  };
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: string, filename: string): string {
  const shown = cleanFilename(filename);
  const ascii = shown.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(shown)}`;
}
