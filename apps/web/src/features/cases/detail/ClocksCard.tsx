import { EnvironmentOutlined, FieldTimeOutlined, UndoOutlined } from '@ant-design/icons';
import { CLOCK_KINDS, type ClockState, type ClockView } from '@closeloop/domain';
import { Button, Card, Empty, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDuration } from '../../../ui/duration.ts';
import { useNow } from '../../../ui/useNow.ts';
import { formatInstant } from './format.ts';

const STATE_COLORS: Record<ClockState, string> = { running: 'processing', paused: 'default', met: 'success', breached: 'error' };

export interface ClocksCardProps {
  clocks: readonly ClockView[];
  /** A fixed time (ms) instead of the live clock, for tests. */
  now?: number;
  /** The case needs a visit and nobody has arrived yet: offers 已到达现场. */
  awaitingArrival?: boolean;
  siteArrivedAt?: string | null;
  onReset?: (() => void) | undefined;
  onArrived?: (() => void) | undefined;
}

/**
 * 时限: each deadline of the case with its state, due time and a wall-clock countdown that refreshes
 * every 30 seconds (working-time remaining is the server's business; this is what the clock on the wall says).
 */
export function ClocksCard({ clocks, now: fixedNow, awaitingArrival, siteArrivedAt, onReset, onArrived }: ClocksCardProps) {
  const { t } = useTranslation(['cases', 'common']);
  const now = useNow(30_000, fixedNow);
  const ordered = [...clocks].sort((a, b) => CLOCK_KINDS.indexOf(a.kind) - CLOCK_KINDS.indexOf(b.kind));

  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <FieldTimeOutlined />
          {t('deadlines.title')}
        </Space>
      }
      extra={
        onReset &&
        clocks.length > 0 && (
          <Button type="link" size="small" icon={<UndoOutlined />} onClick={onReset} style={{ paddingInline: 0 }}>
            {t('deadlines.reset')}
          </Button>
        )
      }
      data-testid="clocks-card"
    >
      {ordered.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadlines.none')} style={{ margin: '8px 0' }} />
      ) : (
        <Flex vertical>
          {ordered.map((c, i) => (
            <ClockRow key={c.kind} clock={c} now={now} first={i === 0} />
          ))}
        </Flex>
      )}
      {awaitingArrival && onArrived && (
        <Button block icon={<EnvironmentOutlined />} onClick={onArrived} style={{ marginTop: 8 }}>
          {t('deadlines.arrived')}
        </Button>
      )}
      {siteArrivedAt && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          <EnvironmentOutlined /> {t('deadlines.arrivedAt', { at: formatInstant(siteArrivedAt) })}
        </Typography.Text>
      )}
    </Card>
  );
}

function ClockRow({ clock: c, now, first }: { clock: ClockView; now: number; first: boolean }) {
  const { t } = useTranslation(['cases', 'common']);
  const duration = useFormatDuration();
  const due = c.dueAt ? Date.parse(c.dueAt) : null;
  const stopped = c.stoppedAt !== null;
  const warning = c.state === 'running' && c.warnAt !== null && now >= Date.parse(c.warnAt) && (due === null || now < due);
  const overdueNow = !stopped && c.state !== 'paused' && due !== null && now >= due;

  let countdown: { text: string; type?: 'danger' | 'warning' | 'success' | 'secondary' } | null = null;
  if (c.state === 'paused') {
    countdown = c.pausedSince
      ? {
          text: t('deadlines.pausedSince', { at: formatInstant(c.pausedSince), duration: duration(now - Date.parse(c.pausedSince)) }),
          type: 'secondary',
        }
      : { text: t('common:enums.clockState.paused'), type: 'secondary' };
  } else if (stopped) {
    const late = c.state === 'breached' && due !== null && c.stoppedAt ? Date.parse(c.stoppedAt) - due : null;
    countdown =
      late !== null && late > 0
        ? { text: t('deadlines.stoppedLate', { at: formatInstant(c.stoppedAt), duration: duration(late) }), type: 'danger' }
        : { text: t('deadlines.stoppedAt', { at: formatInstant(c.stoppedAt) }), type: 'success' };
  } else if (due !== null) {
    countdown = overdueNow
      ? { text: t('deadlines.overdueBy', { duration: duration(now - due) }), type: 'danger' }
      : { text: t('deadlines.dueIn', { duration: duration(due - now) }), ...(warning ? { type: 'warning' as const } : {}) };
  }

  return (
    <div
      style={{ padding: '8px 0', borderTop: first ? undefined : '1px solid #f0f0f0' }}
      data-testid={`clock-${c.kind}`}
      data-state={c.state}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong>{t(`common:enums.clockKind.${c.kind}`)}</Typography.Text>
        <Flex gap={4} wrap justify="flex-end">
          {warning && (
            <Tag color="warning" style={{ marginInlineEnd: 0 }}>
              {t('deadlines.warning')}
            </Tag>
          )}
          {c.escalationLevel > 0 && (
            <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
              {t('deadlines.escalated', { level: c.escalationLevel })}
            </Tag>
          )}
          <Tag color={STATE_COLORS[c.state]} style={{ marginInlineEnd: 0 }}>
            {t(`common:enums.clockState.${c.state}`)}
          </Tag>
        </Flex>
      </Flex>
      {c.dueAt && (
        <Typography.Text style={{ display: 'block', fontSize: 13 }}>
          <Typography.Text type="secondary">{t('deadlines.due')}</Typography.Text> <time dateTime={c.dueAt}>{formatInstant(c.dueAt)}</time>
        </Typography.Text>
      )}
      {countdown && (
        <Typography.Text
          type={countdown.type}
          strong={countdown.type === 'danger' || countdown.type === 'warning'}
          style={{ display: 'block', fontSize: 13 }}
        >
          {countdown.text}
        </Typography.Text>
      )}
      {c.pausedMs > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('deadlines.pausedTotal', { duration: duration(c.pausedMs) })}
        </Typography.Text>
      )}
      {c.breachedAt && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          {t('deadlines.breachedAt', { at: formatInstant(c.breachedAt) })}
        </Typography.Text>
      )}
      {(c.policyName || c.target) && (
        <Tooltip title={c.policyName ? t('deadlines.policy', { name: c.policyName }) : undefined}>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
            {[
              c.policyName,
              c.target ? t('deadlines.target', { amount: c.target.amount, unit: t(`common:enums.targetUnit.${c.target.unit}`) }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Tooltip>
      )}
    </div>
  );
}
