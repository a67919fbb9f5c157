import { CarOutlined } from '@ant-design/icons';
import type { UserView } from '@closeloop/domain';
import dayjs from 'dayjs';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShellMenuExtra } from '../../ui/AppShell.tsx';

// The dialog (with its date picker) loads when first opened, not with every page.
const AwayDialog = lazy(() => import('./AwayDialog.tsx').then((m) => ({ default: m.AwayDialog })));

/** The 外出 entry of the user menu and its dialog. */
export function useAwayMenu(user: UserView): { menuExtra: ShellMenuExtra; dialog: ReactNode; away: boolean } {
  const { t } = useTranslation('notifications');
  const [open, setOpen] = useState(false);
  const current = { away: user.away, awayUntil: user.awayUntil };
  const label = current.away
    ? current.awayUntil
      ? t('away.menuAwayUntil', { date: dayjs(current.awayUntil).format('MM-DD') })
      : t('away.menuAway')
    : t('away.menuAtWork');
  return {
    away: current.away,
    menuExtra: {
      items: [{ key: 'away', icon: <CarOutlined />, label }, { type: 'divider' }],
      onClick: (key) => {
        if (key !== 'away') return false;
        setOpen(true);
        return true;
      },
    },
    dialog: open ? (
      <Suspense fallback={null}>
        <AwayDialog current={current} onClose={() => setOpen(false)} />
      </Suspense>
    ) : null,
  };
}
