import { useTranslation } from 'react-i18next';

/** The label of an API field path of a disposition (`details.receivedOn`, `signature`, `customerDecision`), or undefined. */
export function useFactLabel() {
  const { t, i18n } = useTranslation('dispositions');
  return (field: string): string | undefined => {
    const name = field.replace(/^details\./, '').split('.')[0] ?? field;
    return i18n.exists(`dispositions:fields.${name}`) ? t(`fields.${name}` as 'fields.text') : undefined;
  };
}
