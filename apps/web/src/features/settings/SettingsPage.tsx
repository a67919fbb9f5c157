import { Card, Result, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { NotFound } from '../../ui/NotFound.tsx';
import { DepartmentsTab } from '../admin/DepartmentsTab.tsx';
import { RolesTab } from '../admin/RolesTab.tsx';
import { TokensTab } from '../admin/TokensTab.tsx';
import { UsersTab } from '../admin/UsersTab.tsx';
import { RulesTab } from '../assignment/RulesTab.tsx';
import { useSession } from '../auth/session.tsx';
import { ApprovalMatrixTab } from '../dispositions/settings/ApprovalMatrixTab.tsx';
import { WarrantyTermsTab } from '../dispositions/settings/WarrantyTermsTab.tsx';
import { OutboxTab } from '../notifications/OutboxTab.tsx';
import { CalendarsTab } from '../sla/calendars/CalendarsTab.tsx';
import { CompanyTab } from '../sla/company/CompanyTab.tsx';
import { PoliciesTab } from '../sla/policies/PoliciesTab.tsx';

const TABS = [
  'users',
  'departments',
  'roles',
  'tokens',
  'calendars',
  'sla-policies',
  'assignment-rules',
  'company',
  'outbox',
  'approval-matrix',
  'warranty-terms',
] as const;
type TabKey = (typeof TABS)[number];

/** 系统设置 at /settings/*: one tab per area (people and access; deadlines, assignment, company, outgoing messages; approval matrix and warranty terms), each its own address; tabs the user may not see are hidden. */
export default function SettingsPage() {
  const { t } = useTranslation(['admin', 'common']);
  const { can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();

  const allowed: Record<TabKey, boolean> = {
    users: can('users:read'),
    departments: can('users:read'),
    roles: can('users:read'),
    tokens: can('tokens:manage'),
    calendars: can('sla:manage'),
    'sla-policies': can('sla:manage'),
    'assignment-rules': can('sla:manage'),
    company: can('sla:manage'),
    outbox: can('sla:manage'),
    'approval-matrix': can('approvals:manage'),
    'warranty-terms': can('approvals:manage'),
  };
  const visible = TABS.filter((k) => allowed[k]);
  const active = location.pathname.split('/')[2] ?? '';

  if (visible.length === 0) return <Result status="403" title="403" subTitle={t('noAccess')} />;

  const element: Record<TabKey, ReactNode> = {
    users: <UsersTab />,
    departments: <DepartmentsTab />,
    roles: <RolesTab />,
    tokens: <TokensTab />,
    calendars: <CalendarsTab />,
    'sla-policies': <PoliciesTab />,
    'assignment-rules': <RulesTab />,
    company: <CompanyTab />,
    outbox: <OutboxTab />,
    'approval-matrix': <ApprovalMatrixTab />,
    'warranty-terms': <WarrantyTermsTab />,
  };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
      }
    >
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(`/settings/${k}`)}
        items={visible.map((k) => ({ key: k, label: t(`tabs.${k}`) }))}
      />
      <Routes>
        <Route index element={<Navigate to={visible[0] ?? 'tokens'} replace />} />
        {visible.map((k) => (
          <Route key={k} path={k} element={element[k]} />
        ))}
        {TABS.filter((k) => !allowed[k]).map((k) => (
          <Route key={k} path={k} element={<Result status="403" title="403" subTitle={t('common:errors.forbidden')} />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Card>
  );
}
