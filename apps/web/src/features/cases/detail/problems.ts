import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../../../api/client.ts';

type T = TFunction<['cases', 'common']>;

/** Codes of field errors that have a message of their own in both languages. */
const FIELD_CODES = [
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_type',
  'invalid_value',
  'responsibility_required',
  'confirmation_or_reason_required',
  'explanation_required',
  'reason_required',
] as const;
type FieldCode = (typeof FIELD_CODES)[number];
const isFieldCode = (c: string | undefined): c is FieldCode => FIELD_CODES.includes(c as FieldCode);

/** A field error from the server, in the user's language where its code is known. */
export function fieldMessage(t: T, e: { message: string; code?: string | undefined }): string {
  return isFieldCode(e.code) ? t(`cases:fieldErrors.${e.code}`) : e.message;
}

/** One sentence for a failed call, in the user's language when the problem code is known. */
export function problemMessage(t: T, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:errors.network');
  const { code, detail } = error.problem;
  switch (code) {
    case 'version_conflict':
      return t('cases:errors.versionConflict');
    case 'transition_not_allowed':
      return t('cases:errors.transitionNotAllowed');
    case 'forbidden':
    case 'csrf_failed':
      return t('common:errors.forbidden');
    case 'not_found':
      return t('common:errors.notFound');
    case 'idempotency_key_reused':
      return t('cases:errors.idempotencyKeyReused');
    case 'payload_too_large':
      return t('cases:errors.tooLarge');
    case 'unsupported_media_type':
      return t('cases:errors.unsupportedType');
    case 'validation_failed':
    case 'guard_failed':
      return t('cases:errors.invalid');
    case 'unavailable':
      return t('common:errors.unavailable');
    default:
      return t('common:errors.generic', { detail: detail ?? error.problem.title });
  }
}

/** Whether a failed call means the record changed under us (reload and try again). */
export const isStale = (error: unknown) =>
  error instanceof ApiError && (error.problem.code === 'version_conflict' || error.problem.code === 'transition_not_allowed');

/**
 * Put the server's field errors next to the form's fields. `nameFor` maps an API field path
 * (`responsibility.departmentId`) to the form's name, or `undefined` when the form has no such field.
 * Returns the errors no field could show.
 */
export function applyFieldErrors(
  form: FormInstance,
  t: T,
  error: unknown,
  nameFor: (field: string) => (string | number)[] | undefined = (f) => f.split('.'),
): { shown: number; rest: { field: string; message: string }[] } {
  if (!(error instanceof ApiError)) return { shown: 0, rest: [] };
  const shown: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: { field: string; message: string }[] = [];
  for (const e of error.problem.errors ?? []) {
    const name = nameFor(e.field);
    const message = fieldMessage(t, e);
    if (!name) {
      rest.push({ field: e.field, message });
      continue;
    }
    const existing = shown.find((s) => s.name.join('.') === name.join('.'));
    if (existing) existing.errors.push(message);
    else shown.push({ name, errors: [message] });
  }
  form.setFields(shown);
  if (shown[0]) form.scrollToField(shown[0].name, { block: 'center' });
  return { shown: shown.length, rest };
}

/**
 * Show a failed form submission: field errors next to their fields; anything else (or field
 * errors no field can show) as a message.
 */
export function reportProblem(
  form: FormInstance,
  t: T,
  error: unknown,
  notify: (text: string) => void,
  nameFor?: (field: string) => (string | number)[] | undefined,
) {
  const { shown, rest } = applyFieldErrors(form, t, error, nameFor);
  if (shown > 0 && rest.length === 0) return;
  const extra = rest.map((r) => `${r.field}: ${r.message}`).join('; ');
  notify(extra ? `${problemMessage(t, error)} (${extra})` : problemMessage(t, error));
}
