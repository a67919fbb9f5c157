import {
  ClockCircleOutlined,
  FieldTimeOutlined,
  FireOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { QueueCounts } from '@closeloop/domain';
import { Alert, Button, Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQueueCounts } from '../cases/api.ts';
import { caseListHref } from '../cases/list/params.ts';

type QueueKey = 'mine' | 'dueSoon' | 'overdue' | 'department' | 'unassigned' | 'recentlyUpdated' | 'open';

interface Queue {
  key: QueueKey;
  icon: ReactNode;
  color: string;
  /** Link to the case list showing this queue; null when the queue does not apply (no department). */
  href: (c: QueueCounts) => string | null;
}

/** The queues, each a link into the case list with the same filter; the deadline queues sort by due time. */
const QUEUES: Queue[] = [
  {
    key: 'mine',
    icon: <UserOutlined />,
    color: '#1677ff',
    href: (c) => caseListHref({ status: ['open'], ownerId: c.userId, sort: 'priority' }),
  },
  {
    key: 'dueSoon',
    icon: <FieldTimeOutlined />,
    color: '#fa8c16',
    href: () => caseListHref({ status: ['open'], sla: 'due_soon', sort: 'slaDueAt' }),
  },
  {
    key: 'overdue',
    icon: <FireOutlined />,
    color: '#f5222d',
    href: () => caseListHref({ status: ['open'], sla: 'overdue', sort: 'slaDueAt' }),
  },
  {
    key: 'department',
    icon: <TeamOutlined />,
    color: '#722ed1',
    href: (c) => (c.departmentId ? caseListHref({ status: ['open'], departmentId: c.departmentId, sort: 'priority' }) : null),
  },
  {
    key: 'unassigned',
    icon: <InboxOutlined />,
    color: '#d48806',
    href: () => caseListHref({ status: ['open'], ownerId: 'none', sort: 'priority' }),
  },
  {
    key: 'recentlyUpdated',
    icon: <ClockCircleOutlined />,
    color: '#13c2c2',
    // The same 24 hours the server counts.
    href: () => caseListHref({ updatedFrom: new Date(Date.now() - 24 * 3600_000).toISOString(), sort: '-updatedAt' }),
  },
  { key: 'open', icon: <FolderOpenOutlined />, color: '#595959', href: () => caseListHref({ status: ['open'] }) },
];

function QueueCard({ queue, counts, loading }: { queue: Queue; counts: QueueCounts | undefined; loading: boolean }) {
  const { t } = useTranslation(['workspace', 'common']);
  const href = counts ? queue.href(counts) : null;
  // The server stops counting at `countCap`: a count above it means "more than".
  const cap = counts?.countCap;
  const count = counts?.[queue.key] ?? 0;
  const value = counts ? (href === null ? '—' : cap !== undefined && count > cap ? `${cap}+` : count) : 0;
  const card = (
    <Card hoverable={Boolean(href)} size="small" style={{ height: '100%' }}>
      <Statistic
        title={
          <span
            style={{ display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            title={t(`queues.${queue.key}.title`)}
          >
            <span style={{ color: queue.color, marginInlineEnd: 6 }}>{queue.icon}</span>
            {t(`queues.${queue.key}.title`)}
          </span>
        }
        value={value}
        loading={loading}
        styles={{ content: { color: queue.color } }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {counts && href === null ? t('queues.department.noDepartment') : t(`queues.${queue.key}.hint`)}
      </Typography.Text>
    </Card>
  );
  return (
    <Col xs={12} sm={8} lg={6} xl={{ flex: '1 1 0' }} style={{ minWidth: 0 }}>
      {href ? (
        <Link to={href} style={{ display: 'block', height: '100%' }} data-testid={`queue-${queue.key}`}>
          {card}
        </Link>
      ) : (
        <div style={{ height: '100%' }} data-testid={`queue-${queue.key}`}>
          {card}
        </div>
      )}
    </Col>
  );
}

export function QueueCards() {
  const { t } = useTranslation(['workspace', 'common']);
  const counts = useQueueCounts();
  if (counts.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={t('queues.loadFailed')}
        action={
          <Button size="small" onClick={() => void counts.refetch()}>
            {t('common:states.retry')}
          </Button>
        }
      />
    );
  return (
    <section aria-label={t('queues.label')}>
      <Row gutter={[16, 16]}>
        {QUEUES.map((q) => (
          <QueueCard key={q.key} queue={q} counts={counts.data} loading={counts.isPending} />
        ))}
      </Row>
    </section>
  );
}
