import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';
import i18n from '../i18n/index.ts';

/** A form field's name as antd forms take it (`['contacts', 0, 'email']`). */
export type NamePath = (string | number)[];
/** The form field that shows an API field's error (`responsibility.departmentId`), or undefined when the form has none. */
export type NameFor = (field: string) => NamePath | undefined;
/** A field error no form field could show. */
export interface UnplacedError {
  field: string;
  message: string;
}

/** `contacts.0.email` → `['contacts', 0, 'email']`. */
export const namePath: NameFor = (field) => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

// Messages come from the one i18n instance, so plain functions (and components' render) read them in the current language.
const t = i18n.getFixedT(null, 'common');

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
export function fieldMessage(e: { message: string; code?: string | undefined }): string {
  return isFieldCode(e.code) ? t(`fieldErrors.${e.code}`) : e.message;
}

/** One sentence for a failed call, in the user's language when the problem code is known. */
export function describeProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.network');
  const { code, detail, title } = error.problem;
  switch (code) {
    case 'version_conflict':
      return t('errors.conflict');
    case 'transition_not_allowed':
      return t('errors.transitionNotAllowed');
    case 'forbidden':
    case 'csrf_failed':
      return t('errors.forbidden');
    case 'not_found':
      return t('errors.notFound');
    case 'unauthenticated':
      return t('errors.sessionExpired');
    case 'idempotency_key_reused':
      return t('errors.idempotencyKeyReused');
    case 'payload_too_large':
      return t('errors.tooLarge');
    case 'unsupported_media_type':
      return t('errors.unsupportedType');
    case 'validation_failed':
    case 'guard_failed':
      return t('errors.invalid');
    case 'unavailable':
      return t('errors.unavailable');
    default:
      return t('errors.generic', { detail: detail ?? title });
  }
}

/** Whether a failed call means the record changed under us (reload and try again). */
export const isStale = (error: unknown): error is ApiError =>
  error instanceof ApiError && (error.problem.code === 'version_conflict' || error.problem.code === 'transition_not_allowed');

/**
 * Put the server's field errors next to the form's fields (scrolling to the first); `nameFor` maps
 * an API field path to the form's name. Returns how many fields show an error and the errors no
 * field could show.
 */
export function placeFieldErrors(
  form: FormInstance,
  error: unknown,
  nameFor: NameFor = namePath,
): { shown: number; rest: UnplacedError[] } {
  if (!(error instanceof ApiError)) return { shown: 0, rest: [] };
  const shown: { name: NamePath; errors: string[] }[] = [];
  const rest: UnplacedError[] = [];
  for (const e of error.problem.errors ?? []) {
    const name = nameFor(e.field);
    const message = fieldMessage(e);
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

/** Only the API fields whose first segment is one of the form's `fields`. */
const within =
  (fields: readonly string[]): NameFor =>
  (field) =>
    fields.includes(field.split('.')[0] ?? '') ? namePath(field) : undefined;

/**
 * Turns failed API calls into words the user reads. `report` puts field errors next to the form's
 * fields and shows anything else (or what no field could show) as a message.
 */
export function useApiProblem() {
  const { message } = App.useApp();

  /**
   * Shows `error`. With a form, field errors go next to its fields: every field by default, or only
   * those whose top-level name is in `place`, or as `place` maps them.
   */
  const report = useCallback(
    (error: unknown, form?: FormInstance, place?: readonly string[] | NameFor) => {
      const nameFor = typeof place === 'function' ? place : place ? within(place) : namePath;
      const { shown, rest } = form
        ? placeFieldErrors(form, error, nameFor)
        : {
            shown: 0,
            rest: error instanceof ApiError ? (error.problem.errors ?? []).map((e) => ({ field: e.field, message: fieldMessage(e) })) : [],
          };
      if (shown > 0 && rest.length === 0) return;
      const extra = rest.map((r) => `${r.field}: ${r.message}`).join('; ');
      void message.error(extra ? `${describeProblem(error)} (${extra})` : describeProblem(error));
    },
    [message],
  );

  return { describe: describeProblem, report };
}
