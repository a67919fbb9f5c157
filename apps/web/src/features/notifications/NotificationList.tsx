import type { NotificationKind, NotificationView } from '@closeloop/domain';
import { Alert, Badge, Button, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RelativeTime } from '../../ui/RelativeTime.tsx';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useMarkRead, type useNotifications } from './api.ts';
import { notificationText } from './text.ts';

const KIND_COLORS: Record<NotificationKind, string> = {
  case_assigned: 'blue',
  sla_warning: 'orange',
  sla_breached: 'red',
  sla_escalated: 'magenta',
  approval_requested: 'gold',
};

/** The bell's panel: the latest notifications (unread highlighted) and "mark all read"; opening one marks it read and goes to its case. */
export function NotificationList({ query, onNavigate }: { query: ReturnType<typeof useNotifications>; onNavigate: () => void }) {
  const { t } = useTranslation(['notifications', 'common']);
  const navigate = useNavigate();
  const { describe, report } = useApiProblem();
  const markRead = useMarkRead();
  const unread = query.data?.unread ?? 0;
  const items = query.data?.items ?? [];

  const openOne = (n: NotificationView) => {
    onNavigate();
    if (!n.readAt) markRead.mutate({ ids: [n.id] }, { onError: (e) => report(e) });
    const target = n.params.caseNumber ?? n.caseId;
    if (target) navigate(`/cases/${target}`);
  };

  return (
    <div style={{ width: 360, maxWidth: 'calc(100vw - 32px)' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markRead.isPending && markRead.variables !== undefined && 'all' in markRead.variables}
          onClick={() => markRead.mutate({ all: true }, { onError: (e) => report(e) })}
        >
          {t('markAll')}
        </Button>
      </Flex>
      {query.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : query.isError ? (
        <Alert type="error" showIcon title={describe(query.error)} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
      ) : (
        <ul aria-label={t('title')} style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 420, overflowY: 'auto' }}>
          {items.map((n) => (
            <li key={n.id} style={{ borderTop: '1px solid #f0f0f0' }}>
              <button
                type="button"
                onClick={() => openOne(n)}
                aria-label={n.readAt ? notificationText(t, n) : t('unreadItem', { text: notificationText(t, n) })}
                style={{
                  display: 'block',
                  width: '100%',
                  textAlign: 'start',
                  padding: '8px 4px',
                  background: n.readAt ? 'transparent' : '#e6f4ff',
                  border: 'none',
                  cursor: 'pointer',
                  font: 'inherit',
                }}
              >
                <Flex gap={8} align="start">
                  <Badge status={n.readAt ? 'default' : 'processing'} style={{ marginTop: 4 }} />
                  <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                    <Typography.Text strong={!n.readAt}>{notificationText(t, n)}</Typography.Text>
                    {n.params.caseTitle && (
                      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                        {n.params.caseTitle}
                      </Typography.Text>
                    )}
                    <Flex gap={6} align="center" style={{ fontSize: 12 }}>
                      <Tag color={KIND_COLORS[n.kind]} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
                        {t(`common:enums.notificationKind.${n.kind}`)}
                      </Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        <RelativeTime value={n.createdAt} />
                      </Typography.Text>
                    </Flex>
                  </Flex>
                </Flex>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
