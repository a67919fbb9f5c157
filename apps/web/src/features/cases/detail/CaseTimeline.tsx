import { Alert, Button, Empty, Segmented, Skeleton, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseEvents } from '../api.ts';
import { CommentBox } from './CommentBox.tsx';
import { useEventItem } from './EventItem.tsx';
import { useFieldFormat } from './format.ts';

type Filter = 'all' | 'comments' | 'changes';

/** 处理记录: everything that happened to the case, newest first, with the comment box on top. */
export function CaseTimeline({ caseKey, caseId, canComment }: { caseKey: string; caseId: string; canComment: boolean }) {
  const { t } = useTranslation(['cases', 'common']);
  const events = useCaseEvents(caseKey);
  const [filter, setFilter] = useState<Filter>('all');
  const item = useEventItem(useFieldFormat(), caseId);

  const shown = [...(events.data ?? [])]
    .reverse()
    .filter((e) => filter === 'all' || (filter === 'comments' ? e.kind === 'commented' : e.kind !== 'commented'));

  return (
    <>
      {canComment && <CommentBox caseKey={caseKey} />}
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        style={{ marginBottom: 16 }}
        options={[
          { value: 'all', label: t('timeline.filter.all') },
          { value: 'comments', label: t('timeline.filter.comments') },
          { value: 'changes', label: t('timeline.filter.changes') },
        ]}
      />
      {events.isPending && <Skeleton active />}
      {events.isError && (
        <Alert
          type="error"
          showIcon
          title={t('common:states.error')}
          action={<Button onClick={() => events.refetch()}>{t('common:states.retry')}</Button>}
        />
      )}
      {events.isSuccess && shown.length === 0 && <Empty description={t('common:states.empty')} />}
      {shown.length > 0 && (
        <Timeline
          items={shown.map((e) => {
            const it = item(e);
            return { key: e.id, color: it.color, icon: it.icon, content: it.content };
          })}
        />
      )}
    </>
  );
}
