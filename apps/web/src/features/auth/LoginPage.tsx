import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginResult } from '@closeloop/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, setCsrfToken } from '../../api/client.ts';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { ME_KEY } from './session.tsx';

/** Only same-site paths are followed after sign-in. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

export default function LoginPage() {
  const { t } = useTranslation(['auth', 'common']);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<LoginResult>('/auth/login', values);
      setCsrfToken(result.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, result.user);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) {
        const seconds = Number(e.problem.retryAfterSeconds ?? 900);
        setError(t('lockedOut', { minutes: Math.ceil(seconds / 60) }));
      } else if (e instanceof ApiError && e.status === 401) setError(t('wrongPassword'));
      else setError(e instanceof ApiError ? (e.problem.detail ?? e.message) : t('common:errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Flex justify="space-between" align="start">
          <div>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
              {t('title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
          </div>
          <LanguageSwitch />
        </Flex>
        <div style={{ height: 24 }} />
        {params.get('expired') && !error && <Alert type="warning" title={t('expired')} showIcon style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label={t('login')} name="login" rules={[{ required: true, whitespace: true, message: t('loginRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
