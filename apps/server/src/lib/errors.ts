/** Error codes the domain raises; `http/errors.ts` maps each to an HTTP status and title. */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'version_conflict'
  | 'duplicate'
  | 'transition_not_allowed'
  | 'guard_failed'
  | 'idempotency_key_reused'
  | 'too_many_attempts'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'internal';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

/** Members of every problem answer (RFC 9457 and our `code`); extension members take other names. */
export type ProblemMember = 'type' | 'title' | 'status' | 'detail' | 'instance' | 'code';
/** Extension members of a problem answer, e.g. `caseStatus` (never `status`: that is the HTTP code). */
export type ProblemExtensions = Record<string, unknown> & { [K in ProblemMember]?: never };

/** A failure the caller can act on. Carries no HTTP: the error handler decides that. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; extra?: ProblemExtensions } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) => new DomainError('not_found', `${what} ${id} does not exist`);
export const forbidden = (permission: string) =>
  new DomainError('forbidden', `this needs the permission ${permission}`, { extra: { permission } });
export const versionConflict = (what: string, currentVersion: number) =>
  new DomainError('version_conflict', `${what} was changed by someone else; reload and apply your change again`, {
    extra: { currentVersion },
  });
/** The database is unreachable or too contended for now: 503 with Retry-After. */
export const unavailable = (message: string, retryAfterSeconds: number) =>
  new DomainError('unavailable', message, { extra: { retryAfterSeconds } });
export const invalidField = (field: string, message: string, code = 'invalid') =>
  new DomainError('validation_failed', `${field}: ${message}`, { errors: [{ field, message, code }] });
