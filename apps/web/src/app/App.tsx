import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import { ApiError } from '../api/client.ts';
import { RequireSession, useSession } from '../features/auth/session.tsx';
import { usePasswordMenu } from '../features/auth/usePasswordMenu.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { useAwayMenu } from '../features/notifications/useAwayMenu.tsx';
import { withMessages } from '../i18n/lazy.ts';
import { AppShell } from '../ui/AppShell.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { PageSpin } from '../ui/PageSpin.tsx';

const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const WorkspacePage = lazy(() => import('../features/workspace/WorkspacePage.tsx'));
const CaseListPage = lazy(() => import('../features/cases/CaseListPage.tsx'));
const IntakePage = lazy(() => import('../features/cases/IntakePage.tsx'));
const CaseDetailPage = lazy(withMessages(['dispositions'], () => import('../features/cases/CaseDetailPage.tsx')));
const CustomerListPage = lazy(() => import('../features/customers/CustomerListPage.tsx'));
const CustomerDetailPage = lazy(() => import('../features/customers/CustomerDetailPage.tsx'));
const ProductListPage = lazy(() => import('../features/customers/ProductListPage.tsx'));
const SettingsPage = lazy(withMessages(['sla', 'dispositions'], () => import('../features/settings/SettingsPage.tsx')));
const EscalationsPage = lazy(withMessages(['sla'], () => import('../features/sla/escalations/EscalationsPage.tsx')));
const DispositionsPage = lazy(withMessages(['dispositions'], () => import('../features/dispositions/DispositionsPage.tsx')));
const ServiceOrderPage = lazy(withMessages(['dispositions'], () => import('../features/dispositions/service-order/ServiceOrderPage.tsx')));
const SettlementPage = lazy(withMessages(['dispositions'], () => import('../features/dispositions/settlement/SettlementPage.tsx')));

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function SignedIn() {
  const { user, can } = useSession();
  const away = useAwayMenu(user);
  const password = usePasswordMenu();
  return (
    <AppShell
      user={{
        displayName: user.displayName,
        canAdminister:
          can('users:manage') || can('departments:manage') || can('tokens:manage') || can('sla:manage') || can('approvals:manage'),
        canSeeEscalations: can('cases:read'),
        canSeeDispositions: can('cases:read'),
        canSeeSettlement: can('costs:read'),
        away: away.away,
      }}
      headerExtra={<NotificationBell />}
      menuExtra={{
        items: [...password.menuExtra.items, ...away.menuExtra.items],
        onClick: (key) => password.menuExtra.onClick(key) || away.menuExtra.onClick(key),
      }}
    >
      <Outlet />
      {away.dialog}
      {password.dialog}
    </AppShell>
  );
}

export function AppRoutes() {
  return (
    <Suspense fallback={<PageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* The engineer's phone page has no navigation frame: the whole narrow screen is the form. */}
        <Route
          path="/service-orders/:id"
          element={
            <RequireSession>
              <ServiceOrderPage />
            </RequireSession>
          }
        />
        <Route
          element={
            <RequireSession>
              <SignedIn />
            </RequireSession>
          }
        >
          <Route index element={<WorkspacePage />} />
          <Route path="cases" element={<CaseListPage />} />
          <Route path="cases/new" element={<IntakePage />} />
          <Route path="cases/:id" element={<CaseDetailPage />} />
          <Route path="customers" element={<CustomerListPage />} />
          <Route path="customers/:id" element={<CustomerDetailPage />} />
          <Route path="products" element={<ProductListPage />} />
          <Route path="escalations" element={<EscalationsPage />} />
          <Route path="dispositions" element={<DispositionsPage />} />
          <Route path="settlement" element={<SettlementPage />} />
          <Route path="settings/*" element={<SettingsPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const isZh = i18n.language === 'zh-CN';
  useEffect(() => {
    dayjs.locale(isZh ? 'zh-cn' : 'en');
    document.documentElement.lang = i18n.language;
  }, [isZh, i18n.language]);
  return (
    <ConfigProvider locale={isZh ? zhCN : enUS} theme={{ token: { colorPrimary: '#1677ff' } }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
