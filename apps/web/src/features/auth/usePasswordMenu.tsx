import { KeyOutlined } from '@ant-design/icons';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShellMenuExtra } from '../../ui/AppShell.tsx';

// The dialog loads when first opened, not with every page.
const ChangePasswordDialog = lazy(() => import('./ChangePasswordDialog.tsx').then((m) => ({ default: m.ChangePasswordDialog })));

/** The 修改密码 entry of the user menu and its dialog. */
export function usePasswordMenu(): { menuExtra: ShellMenuExtra; dialog: ReactNode } {
  const { t } = useTranslation('auth');
  const [open, setOpen] = useState(false);
  return {
    menuExtra: {
      items: [{ key: 'change-password', icon: <KeyOutlined />, label: t('changePassword.menu') }],
      onClick: (key) => {
        if (key !== 'change-password') return false;
        setOpen(true);
        return true;
      },
    },
    dialog: open ? (
      <Suspense fallback={null}>
        <ChangePasswordDialog onClose={() => setOpen(false)} />
      </Suspense>
    ) : null,
  };
}
