import type { DispositionKind } from '@closeloop/domain';
import { useTranslation } from 'react-i18next';
import { factLabelKey } from './details.ts';

/** The label of an API field path of a disposition (`details.receivedOn`, `signature`, `customerDecision`), or undefined. */
export function useFactLabel() {
  const { t, i18n } = useTranslation('dispositions');
  return (field: string, kind?: DispositionKind): string | undefined => {
    const name = field.replace(/^details\./, '').split('.')[0] ?? field;
    const key = factLabelKey(name, kind);
    return i18n.exists(`dispositions:${key}`) ? t(key as 'fields.text') : undefined;
  };
}
