import { Readable } from 'node:stream';
import type { Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../lib/errors.ts';

/** One uploaded file, streamed: nothing is buffered in memory. */
export interface FileUpload {
  /** As the client sent it; the service cleans it. */
  filename: string;
  stream: Readable;
  /** True when the file was cut at the size limit. */
  truncated: () => boolean;
  /** Reads the body after the file; rejects when it holds another file or ends malformed. */
  finish: () => Promise<void>;
}

const refused = (field: string, message: string) => new DomainError('validation_failed', message, { errors: [{ field, message }] });

/**
 * busboy's own errors ("Unexpected end of multipart data", "Boundary not found", "Part terminated
 * early") are plain Errors: the client sent a broken body, a 400. The plugin's limit errors carry
 * an FST_ code and keep their status (413).
 */
function translate(field: string, error: unknown): Error {
  if (error instanceof DomainError) return error;
  const e = error as Error & { code?: string };
  if (e.code === 'FST_FILES_LIMIT') return refused(field, 'send one file per request');
  if (typeof e.code === 'string' && e.code.startsWith('FST_')) return e;
  return refused(field, `the multipart body is malformed (${e.message})`);
}

/**
 * The one file of a `multipart/form-data` request, in the part named `field`. Text fields are
 * ignored; a missing file, a text field in its place, a file without a name, a second file or a
 * malformed body are 400 problems naming `field`.
 */
export async function receiveFile(request: FastifyRequest, field: string): Promise<FileUpload> {
  if (!request.isMultipart())
    throw new DomainError('unsupported_media_type', `send multipart/form-data with the file in the field "${field}"`);
  const parts = request.parts();
  const next = async (): Promise<Multipart | undefined> => {
    try {
      const n = await parts.next();
      return n.done ? undefined : n.value;
    } catch (error) {
      throw translate(field, error);
    }
  };
  for (let part = await next(); part; part = await next()) {
    if (part.type === 'field') {
      if (part.fieldname === field) throw refused(field, `"${field}" must be a file part, with a filename in its Content-Disposition`);
      continue;
    }
    if (part.fieldname !== field) {
      part.file.resume();
      throw refused(field, `the file must be sent in the field "${field}", not "${part.fieldname}"`);
    }
    if (!part.filename) {
      part.file.resume();
      throw refused(field, 'the file needs a name (filename in its Content-Disposition)');
    }
    const file = part.file;
    // Errors of the part's stream (also one raised before we got the part) become problems, seen
    // by the service when it reads.
    const stream = Readable.from(
      (async function* () {
        try {
          yield* file;
        } catch (error) {
          throw translate(field, error);
        }
      })(),
      { objectMode: false },
    );
    return {
      filename: part.filename,
      stream,
      truncated: () => file.truncated,
      finish: async () => {
        for (let rest = await next(); rest; rest = await next()) {
          if (rest.type === 'file') {
            rest.file.resume();
            throw refused(field, 'send one file per request');
          }
        }
      },
    };
  }
  throw refused(field, `the multipart body needs a file in the field "${field}"`);
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The one file of a multipart body in the part named `field` (see `receiveFile`). */
    receiveFile(field: string): Promise<FileUpload>;
  }
}

/** Gives routes `request.receiveFile(field)`, so features take uploads without importing http/. */
export function registerFileUploads(app: FastifyInstance) {
  app.decorateRequest('receiveFile', function (this: FastifyRequest, field: string) {
    return receiveFile(this, field);
  });
}
