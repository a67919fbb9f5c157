/** Error codes the domain raises; `problemFor` maps each to HTTP. */
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

export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'malformed_json':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'csrf_failed':
      return 403;
    case 'not_found':
      return 404;
    case 'version_conflict':
    case 'duplicate':
    case 'transition_not_allowed':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'guard_failed':
    case 'idempotency_key_reused':
      return 422;
    case 'too_many_attempts':
      return 429;
    case 'internal':
      return 500;
    case 'unavailable':
      return 503;
    default: {
      const exhaustive: never = code;
      return exhaustive;
    }
  }
}

export function titleFor(code: ErrorCode): string {
  switch (code) {
    case 'validation_failed':
      return 'The request has invalid fields';
    case 'malformed_json':
      return 'The request body is not valid JSON';
    case 'unauthenticated':
      return 'Sign-in required';
    case 'forbidden':
      return 'Not allowed';
    case 'csrf_failed':
      return 'Missing or wrong CSRF token';
    case 'not_found':
      return 'Not found';
    case 'version_conflict':
      return 'Changed by someone else';
    case 'duplicate':
      return 'Already exists';
    case 'transition_not_allowed':
      return 'Action not allowed in this status';
    case 'guard_failed':
      return 'The action needs more information';
    case 'idempotency_key_reused':
      return 'Idempotency key reused with a different request';
    case 'too_many_attempts':
      return 'Too many attempts';
    case 'payload_too_large':
      return 'Request too large';
    case 'unsupported_media_type':
      return 'Unsupported media type';
    case 'internal':
      return 'Internal error';
    case 'unavailable':
      return 'Temporarily unavailable';
    default: {
      const exhaustive: never = code;
      return exhaustive;
    }
  }
}
