import type { CaseSummary, Page } from '@closeloop/domain';
import { Button, Empty, Table } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { buildColumns, sortOf } from './columns.tsx';
import { type ListState, PAGE_SIZES } from './params.ts';

interface Props {
  state: ListState;
  data: Page<CaseSummary> | undefined;
  loading: boolean;
  visible: readonly string[];
  filtered: boolean;
  onChange: (patch: Partial<ListState>) => void;
  onReset: () => void;
}

/** The paged, sortable table of cases; a row click opens the case. */
export function CaseTable({ state, data, loading, visible, filtered, onChange, onReset }: Props) {
  const { t, i18n } = useTranslation(['caseList', 'common']);
  const navigate = useNavigate();
  const empty = (
    <Empty description={filtered ? t('empty.filtered') : t('empty.none')}>
      {filtered ? (
        <Button onClick={onReset}>{t('empty.clear')}</Button>
      ) : (
        <Button type="primary" onClick={() => navigate('/cases/new')}>
          {t('common:nav.newCase')}
        </Button>
      )}
    </Empty>
  );
  const columns = buildColumns(t, visible, state.sort, i18n.language !== 'zh-CN');
  // Fixed widths: wide enough for every chosen column, scrolling sideways when the screen is narrower.
  const width = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: width }}
      sticky
      locale={{ emptyText: loading ? ' ' : empty }}
      onRow={(record) => ({
        onClick: () => navigate(`/cases/${record.number}`),
        style: { cursor: 'pointer' },
      })}
      pagination={{
        current: state.page,
        pageSize: state.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES.map(String),
        showTotal: (total, [from, to]) => t('pagination.range', { from, to, total }),
      }}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'sort') {
          const s = sorter as SorterResult<CaseSummary>;
          onChange({ sort: sortOf(String(s.columnKey ?? ''), s.order), page: 1 });
        } else if (extra.action === 'paginate') {
          const pageSize = pagination.pageSize ?? state.pageSize;
          onChange({ page: pageSize === state.pageSize ? (pagination.current ?? 1) : 1, pageSize });
        }
      }}
    />
  );
}
