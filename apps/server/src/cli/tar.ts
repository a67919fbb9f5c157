import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * Just enough of the POSIX ustar format to archive the attachment folder as a `.tar.gz` that
 * `tar -xzf` reads, and to read it back; Node has no tar of its own and the folder can be large,
 * so both directions stream.
 */

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1;

export interface TarStats {
  files: number;
  bytes: number;
}

function octal(buf: Buffer, offset: number, width: number, value: number) {
  buf.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, width, 'ascii');
}

/** Split a path into ustar's `prefix` (≤155 bytes) and `name` (≤100 bytes). */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  const parts = name.split('/');
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const rest = parts.slice(i).join('/');
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  throw new Error(`path too long for a tar archive: ${name}`);
}

function header(entry: { name: string; size: number; mode: number; mtime: Date; type: 'file' | 'dir' }): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(entry.name);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, entry.mode & 0o7777);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, entry.size);
  octal(h, 136, 12, Math.floor(entry.mtime.getTime() / 1000));
  h.write('        ', 148, 8, 'ascii');
  h.write(entry.type === 'dir' ? '5' : '0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

/** Every file and folder under `root` (relative, `/`-separated, sorted), skipping top-level names in `exclude`. */
function walk(root: string, exclude: readonly string[]): { rel: string; abs: string; stat: fs.Stats }[] {
  const out: { rel: string; abs: string; stat: fs.Stats }[] = [];
  const visit = (rel: string) => {
    const abs = path.join(root, rel);
    for (const name of fs.readdirSync(abs).sort()) {
      if (rel === '' && exclude.includes(name)) continue;
      const childRel = rel ? `${rel}/${name}` : name;
      const childAbs = path.join(abs, name);
      const stat = fs.lstatSync(childAbs);
      if (stat.isDirectory()) {
        out.push({ rel: `${childRel}/`, abs: childAbs, stat });
        visit(childRel);
      } else if (stat.isFile()) {
        out.push({ rel: childRel, abs: childAbs, stat });
      }
    }
  };
  if (fs.existsSync(root)) visit('');
  return out;
}

/**
 * Write the contents of `root` (which may be missing: an empty archive) to a gzipped tar readable
 * only by its owner. Refuses to overwrite unless `flags` says otherwise.
 */
export async function writeTarGz(
  file: string,
  root: string,
  options: { exclude?: readonly string[]; flags?: 'wx' | 'w' } = {},
): Promise<TarStats> {
  const entries = walk(root, options.exclude ?? []);
  const stats: TarStats = { files: 0, bytes: 0 };
  async function* blocks() {
    for (const e of entries) {
      if (e.rel.endsWith('/')) {
        yield header({ name: e.rel, size: 0, mode: 0o700, mtime: e.stat.mtime, type: 'dir' });
        continue;
      }
      if (e.stat.size > MAX_SIZE) throw new Error(`${e.abs} is larger than a tar archive allows`);
      yield header({ name: e.rel, size: e.stat.size, mode: 0o600, mtime: e.stat.mtime, type: 'file' });
      let written = 0;
      for await (const chunk of fs.createReadStream(e.abs)) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (written !== e.stat.size) throw new Error(`${e.abs} changed while it was archived`);
      const pad = (BLOCK - (written % BLOCK)) % BLOCK;
      if (pad) yield Buffer.alloc(pad);
      stats.files += 1;
      stats.bytes += written;
    }
    yield Buffer.alloc(BLOCK * 2);
  }
  await pipeline(Readable.from(blocks()), createGzip(), fs.createWriteStream(file, { flags: options.flags ?? 'wx', mode: 0o600 }));
  return stats;
}

const field = (h: Buffer, offset: number, width: number) => {
  const raw = h.subarray(offset, offset + width);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? width : end).toString('utf8');
};
const octalField = (h: Buffer, offset: number, width: number) => Number.parseInt(field(h, offset, width).trim() || '0', 8);

/** The destination of an archive entry, refusing absolute paths and `..` (an archive must not write outside `dest`). */
function safeTarget(dest: string, name: string): string {
  const clean = name.replace(/^\.\//, '');
  const target = path.resolve(dest, clean);
  if (path.isAbsolute(clean) || (target !== dest && !target.startsWith(dest + path.sep))) {
    throw new Error(`the archive entry ${name} points outside the destination`);
  }
  return target;
}

/** Unpack a gzipped tar of files and folders into `dest` (created when missing). Other entry kinds are skipped. */
export async function extractTarGz(file: string, dest: string): Promise<TarStats> {
  const root = path.resolve(dest);
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const stats: TarStats = { files: 0, bytes: 0 };
  let pending: Buffer = Buffer.alloc(0);
  /** The entry whose data is being read: its file descriptor (-1 when skipped) and bytes left (plus padding). */
  let current: { fd: number; left: number; padding: number } | undefined;
  let ended = false;

  const consume = () => {
    while (!ended) {
      if (current) {
        if (current.left > 0) {
          if (pending.length === 0) return;
          const take = Math.min(current.left, pending.length);
          if (current.fd >= 0) fs.writeSync(current.fd, pending, 0, take);
          pending = pending.subarray(take);
          current.left -= take;
          if (current.fd >= 0) stats.bytes += take;
          if (current.left > 0) return;
        }
        if (pending.length < current.padding) return;
        pending = pending.subarray(current.padding);
        if (current.fd >= 0) fs.closeSync(current.fd);
        current = undefined;
      }
      if (pending.length < BLOCK) return;
      const h = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (h.every((b) => b === 0)) {
        ended = true;
        return;
      }
      const prefix = field(h, 345, 155);
      const name = prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100);
      const size = octalField(h, 124, 12);
      const type = String.fromCharCode(h[156] ?? 0);
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;
      if (type === '5') {
        fs.mkdirSync(safeTarget(root, name), { recursive: true, mode: 0o700 });
        current = { fd: -1, left: size, padding };
      } else if (type === '0' || type === '\0') {
        const target = safeTarget(root, name);
        fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
        current = { fd: fs.openSync(target, 'wx', 0o600), left: size, padding };
        stats.files += 1;
      } else {
        current = { fd: -1, left: size, padding };
      }
    }
  };

  try {
    await pipeline(fs.createReadStream(file), createGunzip(), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        consume();
      }
    });
  } finally {
    if (current && current.fd >= 0) fs.closeSync(current.fd);
  }
  if (!ended) throw new Error(`${file} ends before the end-of-archive marker: the archive is incomplete`);
  return stats;
}
