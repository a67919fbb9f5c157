import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type FieldError, type ProblemMember, unavailable } from '../lib/errors.ts';
import { isConnectionError, isTransientConflict } from '../lib/sql.ts';
import { statusFor, titleFor } from './errors.ts';

/** RFC 9457's members and our `code`: an extension member never takes one of these names. */
const RESERVED_MEMBERS: ReadonlySet<string> = new Set<ProblemMember>(['type', 'title', 'status', 'detail', 'instance', 'code']);

function send(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, detail: string, more: object = {}) {
  const status = statusFor(code);
  const extensions = Object.entries(more).filter(([name]) => !RESERVED_MEMBERS.has(name));
  if (extensions.length < Object.keys(more).length) {
    // A programming error: the extension is dropped so `status` stays the HTTP code (issue 9).
    request.log.warn({ code, members: Object.keys(more).filter((name) => RESERVED_MEMBERS.has(name)) }, 'problem extension collides');
  }
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `https://closeloop.dev/problems/${code.replace(/_/g, '-')}`,
      title: titleFor(code),
      status,
      detail,
      instance: request.url,
      code,
      ...Object.fromEntries(extensions),
    });
}

/** PostgreSQL error codes that mean the caller sent something the database refused. */
function fromDatabase(err: { code?: string; constraint?: string; detail?: string }): DomainError | undefined {
  switch (err.code) {
    case '23505':
      return new DomainError('duplicate', `a record with this value already exists (${err.constraint ?? 'unique'})`);
    case '23503':
      return new DomainError('validation_failed', 'a referenced record does not exist', {
        errors: [{ field: err.constraint ?? 'reference', message: 'refers to a record that does not exist' }],
      });
    case '23514':
      return new DomainError('validation_failed', `a value breaks the rule ${err.constraint ?? ''}`.trim(), {
        errors: [{ field: err.constraint ?? 'value', message: 'breaks a database rule' }],
      });
    case '22021':
      // e.g. U+0000 in a text value, which PostgreSQL cannot store
      return new DomainError('validation_failed', 'a value contains a character that cannot be stored (such as U+0000)');
    case '22P02':
    case '22007':
    case '22008':
      return new DomainError('validation_failed', 'a value has the wrong format');
    default:
      return undefined;
  }
}

/** Seconds a client should wait before trying again after a lost database connection. */
export const RETRY_AFTER_OUTAGE_SECONDS = 5;

/**
 * Failures of the database rather than of the request: a lost or refused connection, or a
 * deadlock or serialization failure that outlived the use case's retries. Worth trying again.
 */
function transient(err: unknown): DomainError | undefined {
  if (isConnectionError(err)) {
    return unavailable('the database cannot be reached right now; try again shortly', RETRY_AFTER_OUTAGE_SECONDS);
  }
  if (isTransientConflict(err)) return unavailable('the change collided with concurrent changes; try again', 1);
  return undefined;
}

/** `spaFallback` answers unknown non-API GETs (client-side routes) with the web app's index page. */
export function registerErrorHandler(app: FastifyInstance, spaFallback?: (request: FastifyRequest, reply: FastifyReply) => unknown) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors: FieldError[] = error.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || where;
        return {
          field,
          message: v.message ?? 'invalid',
          code: String(v.params?.issue ? (v.params.issue as { code?: string }).code : v.keyword),
        };
      });
      return send(reply, request, 'validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
        errors,
      });
    }
    let domain = error instanceof DomainError ? error : undefined;
    if (!domain) domain = fromDatabase(error as never) ?? fromDatabase((error as { cause?: never }).cause ?? {});
    if (!domain) {
      domain = transient(error);
      // The message names the failed statement; it belongs in the log, not in the answer.
      if (domain) request.log.warn({ err: error, reqId: request.id }, 'database unavailable');
    }
    if (domain) {
      if (typeof domain.details.extra?.retryAfterSeconds === 'number') {
        reply.header('Retry-After', String(domain.details.extra.retryAfterSeconds));
      }
      return send(reply, request, domain.code, domain.message, {
        ...(domain.details.errors ? { errors: domain.details.errors } : {}),
        ...domain.details.extra,
      });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, request, 'malformed_json', error.message);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
        return send(reply, request, 'payload_too_large', error.message);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, request, 'unsupported_media_type', error.message);
      default:
        break;
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      if (error instanceof SyntaxError) return send(reply, request, 'malformed_json', error.message);
      const code: ErrorCode =
        error.statusCode === 413 ? 'payload_too_large' : error.statusCode === 415 ? 'unsupported_media_type' : 'validation_failed';
      return send(reply, request, code, error.message);
    }
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return send(reply, request, 'internal', `Something went wrong on our side. Reference: ${request.id}`, {
      correlationId: request.id,
    });
  });

  app.setNotFoundHandler((request, reply) => {
    if (spaFallback && (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api')) {
      return spaFallback(request, reply);
    }
    return send(reply, request, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
  });
}
