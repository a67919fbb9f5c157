import { PERMISSIONS, type Permission } from '@closeloop/domain';
import { useTranslation } from 'react-i18next';

type Underscored<P extends string> = P extends `${infer A}:${infer B}` ? `${A}_${B}` : never;

/** Readable names of permissions (the codes contain ':', which i18next reserves, so keys use '_'). */
export function usePermissionLabel() {
  const { t } = useTranslation('admin');
  return (p: Permission) => t(`permissions.${p.replace(':', '_') as Underscored<Permission>}`);
}

/** Permissions in the order the domain declares them. */
export const sortPermissions = (ps: readonly Permission[]) => PERMISSIONS.filter((p) => ps.includes(p));

/** The Chinese or English name of a department or role, by the interface language. */
export function useLocalName() {
  const { i18n } = useTranslation();
  return (x: { nameZh: string; nameEn: string }) => (i18n.language === 'zh-CN' ? x.nameZh : x.nameEn);
}
