import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from './errors.ts';
import { cleanFilename } from './names.ts';

/**
 * Uploaded files on disk, stored by content (SHA-256) under one folder: what case attachments,
 * signatures — and next mail attachments and portal uploads — keep. Knows files, not cases.
 */

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
export const INLINE_CONTENT = /^(image\/(jpeg|png|gif|webp|bmp)|video\/|application\/pdf)/;

const unsupported = (message: string) =>
  new DomainError('unsupported_media_type', message, {
    errors: [{ field: 'file', message }],
    extra: { accepted: ACCEPTED_EXTENSIONS },
  });

const storageKeyOf = (sha256: string) => path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256);

/** An upload as a route receives it (`request.receiveFile`), or a buffer made into a stream. */
export interface Upload {
  filename: string;
  stream: Readable;
  truncated: () => boolean;
  /** Reads the request after the file; refuses a second file. */
  finish?: () => Promise<void>;
}

/** A file in the store, with what its record needs; `discard` removes it again when that record is not written. */
export interface StoredFile {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  discard: () => void;
}

/**
 * Stream an upload to a temporary file while hashing, check name, size and signature, then move it
 * to its content-addressed place. On any failure nothing remains. The caller records the file in
 * its transaction and calls `discard` if that fails (a file already stored by an earlier upload
 * is never removed).
 */
export async function storeUpload(dir: string, upload: Upload, limits: { maxBytes: number }): Promise<StoredFile> {
  const filename = cleanFilename(upload.filename);
  const ext = path.extname(filename).slice(1).toLowerCase();
  const kind = KINDS[ext];
  if (!kind) {
    upload.stream.resume();
    throw unsupported(`files of type .${ext || '(none)'} are not accepted; accepted: ${ACCEPTED_EXTENSIONS.join(', ')}`);
  }
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
  // Opened before the body is read, so a broken request cannot leave the file to appear after it was removed.
  const out = fs.createWriteStream(tmp, { fd: fs.openSync(tmp, 'wx', 0o600) });
  try {
    await pipeline(upload.stream, meter, out);
    if (upload.truncated()) {
      throw new DomainError('payload_too_large', `the file is larger than ${limits.maxBytes} bytes`, {
        errors: [{ field: 'file', message: `at most ${limits.maxBytes} bytes` }],
      });
    }
    await upload.finish?.();
    if (size === 0) throw new DomainError('validation_failed', 'the file is empty', { errors: [{ field: 'file', message: 'is empty' }] });
    if (kind.magic && !kind.magic(head)) throw unsupported(`the content is not a .${ext} file`);
    const sha256 = hash.digest('hex');
    const storageKey = storageKeyOf(sha256);
    const final = path.join(dir, storageKey);
    let created = false;
    if (fs.existsSync(final)) {
      fs.rmSync(tmp, { force: true });
    } else {
      fs.mkdirSync(path.dirname(final), { recursive: true });
      fs.renameSync(tmp, final);
      created = true;
    }
    return {
      filename,
      contentType: kind.type,
      size,
      sha256,
      storageKey,
      discard: () => {
        if (created) fs.rmSync(final, { force: true });
      },
    };
  } catch (e) {
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** A stored file's content, or undefined when it is missing from the disk. */
export function openStoredFile(dir: string, storageKey: string) {
  const file = path.join(dir, storageKey);
  return fs.existsSync(file) ? fs.createReadStream(file) : undefined;
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: string, filename: string): string {
  const shown = cleanFilename(filename);
  const ascii = shown.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(shown)}`;
}
