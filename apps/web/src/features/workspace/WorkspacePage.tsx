import { FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { QueueCards } from './QueueCards.tsx';

// The two tables load just after the queue counts: the first view needs no table code.
const MyOpenCases = lazy(() => import('./MyOpenCases.tsx').then((m) => ({ default: m.MyOpenCases })));
const SavedFilters = lazy(() => import('./SavedFilters.tsx').then((m) => ({ default: m.SavedFilters })));
const Placeholder = () => (
  <Card>
    <Skeleton active />
  </Card>
);

/** 工作台: the queues with counts, the user's own open cases, and their saved filters. */
export default function WorkspacePage() {
  const { t } = useTranslation(['workspace', 'common']);
  const { user, can } = useSession();
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${t('title')} · ${t('common:appName')}`;
  }, [t]);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('greeting', { name: user.displayName })}</Typography.Text>
        </div>
        {can('cases:create') && (
          <Button type="primary" size="large" icon={<FileAddOutlined />} onClick={() => navigate('/cases/new')}>
            {t('common:nav.newCase')}
          </Button>
        )}
      </Flex>
      <QueueCards />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Suspense fallback={<Placeholder />}>
            <MyOpenCases userId={user.id} />
          </Suspense>
        </Col>
        <Col xs={24} xl={7}>
          <Suspense fallback={<Placeholder />}>
            <SavedFilters />
          </Suspense>
        </Col>
      </Row>
    </Flex>
  );
}
