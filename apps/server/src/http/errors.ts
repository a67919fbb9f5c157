import type { ErrorCode } from '../lib/errors.ts';

/** How each domain error code is answered over HTTP (status and problem+json title). */
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
