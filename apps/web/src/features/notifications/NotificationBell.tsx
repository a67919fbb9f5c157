import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Popover, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifications } from './api.ts';

// The list loads on the first click: every page shows the bell, few open it.
const NotificationList = lazy(() => import('./NotificationList.tsx').then((m) => ({ default: m.NotificationList })));

/** The bell in the header: the unread count, polled every minute; a click shows the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation(['notifications', 'common']);
  const notifications = useNotifications();
  const [open, setOpen] = useState(false);
  const unread = notifications.data?.unread ?? 0;

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      arrow={false}
      destroyOnHidden
      content={
        <Suspense
          fallback={
            <Flex justify="center" style={{ width: 360, padding: 24 }}>
              <Spin />
            </Flex>
          }
        >
          <NotificationList query={notifications} onNavigate={() => setOpen(false)} />
        </Suspense>
      }
    >
      <Button type="text" aria-label={unread ? t('bellUnread', { count: unread }) : t('bell')} data-testid="notification-bell">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
