import {
  AccountBookOutlined,
  AlertOutlined,
  AppstoreOutlined,
  DownOutlined,
  FileAddOutlined,
  LogoutOutlined,
  ProfileOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, type MenuProps, Tag, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, setCsrfToken } from '../api/client.ts';
import { type Language, setLanguage } from '../i18n/index.ts';
import { PageSpin } from './PageSpin.tsx';

export interface ShellUser {
  displayName: string;
  canAdminister: boolean;
  /** Shows the escalations page in the navigation. */
  canSeeEscalations?: boolean;
  /** Shows the dispositions page (处置) in the navigation. */
  canSeeDispositions?: boolean;
  /** Shows the monthly settlement (费用结算) in the navigation. */
  canSeeSettlement?: boolean;
  /** Away (外出): a tag next to the name. */
  away?: boolean;
}

/** Entries a feature adds to the user menu; `onClick` answers whether it handled the key. */
export interface ShellMenuExtra {
  items: NonNullable<MenuProps['items']>;
  onClick: (key: string) => boolean;
}

/**
 * The frame around every signed-in page: navigation, the header (with what features put there, such
 * as the notification bell), user menu with language and sign-out.
 */
export function AppShell({
  user,
  children,
  headerExtra,
  menuExtra,
}: {
  user: ShellUser;
  children: ReactNode;
  headerExtra?: ReactNode;
  menuExtra?: ShellMenuExtra;
}) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);

  const items = [
    { key: '/', icon: <AppstoreOutlined />, label: <Link to="/">{t('nav.workspace')}</Link> },
    { key: '/cases', icon: <ProfileOutlined />, label: <Link to="/cases">{t('nav.cases')}</Link> },
    { key: '/cases/new', icon: <FileAddOutlined />, label: <Link to="/cases/new">{t('nav.newCase')}</Link> },
    { key: '/customers', icon: <TeamOutlined />, label: <Link to="/customers">{t('nav.customers')}</Link> },
    { key: '/products', icon: <ShopOutlined />, label: <Link to="/products">{t('nav.products')}</Link> },
    ...(user.canSeeDispositions
      ? [{ key: '/dispositions', icon: <ToolOutlined />, label: <Link to="/dispositions">{t('nav.dispositions')}</Link> }]
      : []),
    ...(user.canSeeEscalations
      ? [{ key: '/escalations', icon: <AlertOutlined />, label: <Link to="/escalations">{t('nav.escalations')}</Link> }]
      : []),
    ...(user.canSeeSettlement
      ? [{ key: '/settlement', icon: <AccountBookOutlined />, label: <Link to="/settlement">{t('nav.settlement')}</Link> }]
      : []),
    ...(user.canAdminister
      ? [{ key: '/settings', icon: <SettingOutlined />, label: <Link to="/settings">{t('nav.settings')}</Link> }]
      : []),
  ];
  const selected =
    location.pathname === '/'
      ? '/'
      : location.pathname === '/cases/new'
        ? '/cases/new'
        : (items.map((i) => i.key).find((k) => k !== '/' && k !== '/cases/new' && location.pathname.startsWith(k)) ?? '');

  const logout = async () => {
    await api.post('/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
    navigate('/login?loggedOut=1', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed || !screens.lg}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={200}
        theme="dark"
        aria-label={t('appName')}
      >
        <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed || !screens.lg ? '闭环' : t('appName')}
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="flex-end" align="center" gap={8} style={{ height: '100%' }}>
            {headerExtra}
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'who', label: t('userMenu.signedInAs', { name: user.displayName }), disabled: true },
                  { type: 'divider' },
                  ...(menuExtra?.items ?? []),
                  {
                    key: 'language',
                    label: t('userMenu.language'),
                    children: [
                      { key: 'zh-CN', label: '中文（简体）' },
                      { key: 'en-US', label: 'English' },
                    ],
                  },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('userMenu.logout') },
                ],
                selectedKeys: [i18n.language],
                onClick: ({ key }) => {
                  if (menuExtra?.onClick(key)) return;
                  if (key === 'logout') void logout();
                  if (key === 'zh-CN' || key === 'en-US') setLanguage(key as Language);
                },
              }}
            >
              <Button type="text" aria-label={t('userMenu.signedInAs', { name: user.displayName })} data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} />
                <Typography.Text style={{ marginLeft: 8 }}>{user.displayName}</Typography.Text>
                {user.away && (
                  <Tag color="orange" style={{ marginInline: 4 }}>
                    {t('userMenu.away')}
                  </Tag>
                )}
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: screens.md ? 24 : 12 }}>
          <Suspense fallback={<PageSpin />}>{children}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
