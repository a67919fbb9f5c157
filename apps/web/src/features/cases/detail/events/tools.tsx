import { ArrowRightOutlined } from '@ant-design/icons';
import type { DispositionKind, EventView } from '@closeloop/domain';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, useRoleName } from '../../../dispositions/format.tsx';
import { formatInstant, type useFieldFormat } from '../format.ts';

/** How one timeline entry shows: its dot colour and icon, and what it says. */
export interface EventRendering {
  color: string;
  icon: ReactNode;
  content: ReactNode;
}

/** What every renderer of timeline entries uses: labels, the entry's header line, its body and changed fields. */
export function useEventTools(format: ReturnType<typeof useFieldFormat>, caseId: string) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const roleName = useRoleName();
  const sep = i18n.language === 'zh-CN' ? '、' : ', ';
  const clockName = (k: string) => (i18n.exists(`common:enums.clockKind.${k}`) ? t(`common:enums.clockKind.${k as 'resolve'}`) : k);
  const money = (v: number | null | undefined) => formatMoney(v, i18n.language);
  /** A vocabulary value's label; values the labels do not know (from a newer server) as they are. */
  const label = (vocabulary: string, k: string) =>
    i18n.exists(`common:enums.${vocabulary}.${k}`) ? t(`common:enums.${vocabulary}.${k}` as 'common:enums.grade.general') : k;
  /** The disposition an entry is about: its number and kind. */
  const disposition = (d: { number: string; kind?: DispositionKind }) => (
    <>
      <Typography.Text strong>{d.number}</Typography.Text>
      {d.kind && <Tag style={{ marginInlineEnd: 0 }}>{label('dispositionKind', d.kind)}</Tag>}
    </>
  );

  const who = (e: EventView) => e.actor?.displayName ?? t('timeline.system');
  const head = (e: EventView, what: ReactNode, extra?: ReactNode) => (
    <Flex gap={8} wrap align="center">
      <Typography.Text strong>{who(e)}</Typography.Text>
      <span>{what}</span>
      {extra}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatInstant(e.at)}
      </Typography.Text>
    </Flex>
  );
  const body = (text: string | null) =>
    text ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{text}</Typography.Paragraph> : null;

  const changeList = (changes: EventView['changes']) =>
    changes.length ? (
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {changes.map((ch) => (
          <li key={ch.field}>
            {format.label(ch.field)}：
            {ch.from === null || ch.from === undefined ? null : (
              <>
                <Typography.Text delete type="secondary">
                  {format.value(ch.field, ch.from)}
                </Typography.Text>{' '}
                <ArrowRightOutlined />{' '}
              </>
            )}
            {format.value(ch.field, ch.to)}
          </li>
        ))}
      </ul>
    ) : null;

  return { t, i18n, format, caseId, sep, clockName, money, roleName, label, disposition, head, body, changeList };
}

export type EventTools = ReturnType<typeof useEventTools>;

/** The entry of one kind of `EventView`. */
export type EventOf<K extends EventView['kind']> = Extract<EventView, { kind: K }>;
