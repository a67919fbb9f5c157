import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** `contacts.0.email` → `['contacts', 0, 'email']`, the name path antd forms use. */
const namePath = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Turns failed API calls into words the user reads: field errors next to the form's fields,
 * anything else as a message in the user's language where the problem code is known.
 */
export function useApiProblem() {
  const { t } = useTranslation('common');
  const { message } = App.useApp();

  const describe = useCallback(
    (err: unknown): string => {
      if (!(err instanceof ApiError)) return t('errors.network');
      switch (err.problem.code) {
        case 'forbidden':
        case 'csrf_failed':
          return t('errors.forbidden');
        case 'not_found':
          return t('errors.notFound');
        case 'version_conflict':
          return t('errors.conflict');
        case 'unauthenticated':
          return t('errors.sessionExpired');
        default:
          return t('errors.generic', { detail: err.problem.detail ?? err.problem.title });
      }
    },
    [t],
  );

  /**
   * Shows `err`. With a form and the names of its top-level fields, errors for those fields go next to
   * them; a message appears only when something could not be placed.
   */
  const report = useCallback(
    (err: unknown, form?: FormInstance, fields: readonly string[] = []) => {
      if (form && err instanceof ApiError) {
        const all = Object.entries(err.fieldErrors());
        const placed = all.filter(([field]) => fields.includes(field.split('.')[0] ?? ''));
        if (placed.length) form.setFields(placed.map(([field, msg]) => ({ name: namePath(field), errors: [msg] })));
        if (placed.length && placed.length === all.length) return;
      }
      void message.error(describe(err));
    },
    [describe, message],
  );

  return { describe, report };
}
