import {
  AlertOutlined,
  ArrowRightOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  UndoOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import { formatInstant } from '../format.ts';
import type { EventOf, EventRendering, EventTools } from './tools.tsx';

/** Deadlines and routing: rule assignment, clock resets, arrival on site, warnings, breaches, escalations. */
export type SlaEntry = EventOf<'assigned_by_rule' | 'clocks_reset' | 'site_arrived' | 'sla_warning' | 'sla_breached' | 'sla_escalated'>;

export function renderSlaEntry(e: SlaEntry, x: EventTools): EventRendering {
  const { t, head, body, changeList, clockName, format } = x;
  switch (e.kind) {
    case 'sla_warning':
    case 'sla_breached': {
      const warning = e.kind === 'sla_warning';
      return {
        color: warning ? 'orange' : 'red',
        icon: <FieldTimeOutlined />,
        content: head(
          e,
          t(warning ? 'timeline.slaWarning' : 'timeline.slaBreached', { clock: clockName(e.data.clock) }),
          <Typography.Text type="secondary">{t('timeline.dueAt', { at: formatInstant(e.data.dueAt) })}</Typography.Text>,
        ),
      };
    }
    case 'sla_escalated': {
      const { clock, level, notified, reassignedTo, priority } = e.data;
      return {
        color: 'red',
        icon: <AlertOutlined />,
        content: (
          <>
            {head(e, t('timeline.slaEscalated', { clock: clockName(clock), level }))}
            <Flex gap={4} wrap style={{ marginTop: 4 }}>
              {notified > 0 && <Tag>{t('timeline.escalationNotified', { count: notified })}</Tag>}
              {reassignedTo && (
                <Tag icon={<UserSwitchOutlined />}>
                  {format.label('ownerId')}：{format.value('ownerId', reassignedTo)}
                </Tag>
              )}
              {priority && (
                <Tag color="red">
                  {priority.from} <ArrowRightOutlined /> {priority.to}
                </Tag>
              )}
            </Flex>
          </>
        ),
      };
    }
    case 'clocks_reset': {
      const clocks = e.data.clocks.map(clockName).join(x.sep);
      return {
        color: 'blue',
        icon: <UndoOutlined />,
        content: (
          <>
            {head(e, t('timeline.clocksReset'), clocks ? <Typography.Text>{clocks}</Typography.Text> : null)}
            {body(e.body)}
          </>
        ),
      };
    }
    case 'site_arrived':
      return {
        color: 'green',
        icon: <EnvironmentOutlined />,
        content: head(e, t('timeline.siteArrived'), <span>{formatInstant(e.data.arrivedAt)}</span>),
      };
    case 'assigned_by_rule':
      return {
        color: 'gray',
        icon: <UserSwitchOutlined />,
        content: (
          <>
            {head(e, t('timeline.assignedByRule', { rule: e.data.ruleName }))}
            {changeList(e.changes)}
          </>
        ),
      };
    default: {
      const unhandled: never = e;
      throw new Error(`no renderer for ${JSON.stringify(unhandled)}`);
    }
  }
}
