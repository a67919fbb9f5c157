import { AccountBookOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import type { EventOf, EventRendering, EventTools } from './tools.tsx';

/** Costs and the investigation: what the case cost and recovered, the report and its review. */
export type QualityEntry = EventOf<
  'cost_recorded' | 'cost_recovered' | 'investigation_updated' | 'investigation_reported' | 'investigation_reviewed'
>;

export function renderQualityEntry(e: QualityEntry, x: EventTools): EventRendering {
  const { t, i18n, head, body, label, money, format } = x;
  switch (e.kind) {
    case 'cost_recorded': {
      const { category, amount, bearer, departmentId, externalParty } = e.data;
      return {
        color: 'gray',
        icon: <AccountBookOutlined />,
        content: (
          <>
            {head(
              e,
              t('timeline.costRecorded'),
              <>
                <Tag style={{ marginInlineEnd: 0 }}>{label('costCategory', category)}</Tag>
                <Typography.Text strong>{money(amount)}</Typography.Text>
                <Typography.Text type="secondary">
                  {label('costBearer', bearer)}
                  {externalParty ? ` · ${externalParty}` : departmentId ? ` · ${format.value('departmentId', departmentId)}` : ''}
                </Typography.Text>
              </>,
            )}
            {body(e.body)}
          </>
        ),
      };
    }
    case 'cost_recovered':
      return {
        color: 'green',
        icon: <AccountBookOutlined />,
        content: head(e, t('timeline.costRecovered', { amount: money(e.data.amount), from: label('costBearer', e.data.from) })),
      };
    case 'investigation_updated': {
      const names = e.data.fields
        .map((f) => (i18n.exists(`cases:timeline.investigationFields.${f}`) ? t(`timeline.investigationFields.${f as 'facts'}`) : f))
        .join(x.sep);
      return {
        color: 'gray',
        icon: <ExperimentOutlined />,
        content: head(e, t('timeline.investigationUpdated'), names ? <Typography.Text type="secondary">{names}</Typography.Text> : null),
      };
    }
    case 'investigation_reported':
      return {
        color: e.data.late ? 'orange' : 'green',
        icon: <ExperimentOutlined />,
        content: head(e, t('timeline.investigationReported'), e.data.late ? <Tag color="orange">{t('timeline.reportedLate')}</Tag> : null),
      };
    case 'investigation_reviewed': {
      const accepted = e.data.decision === 'accepted';
      return {
        color: accepted ? 'green' : 'orange',
        icon: <ExperimentOutlined />,
        content: (
          <>
            {head(e, t(accepted ? 'timeline.investigationAccepted' : 'timeline.investigationReturned'))}
            {body(e.data.instruction || null)}
          </>
        ),
      };
    }
    default: {
      const unhandled: never = e;
      throw new Error(`no renderer for ${JSON.stringify(unhandled)}`);
    }
  }
}
