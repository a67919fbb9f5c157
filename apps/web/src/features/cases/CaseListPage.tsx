import { DownloadOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, type InputRef, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { exportUrl, useCaseList } from './api.ts';
import { CaseFilters } from './list/CaseFilters.tsx';
import { CaseTable } from './list/CaseTable.tsx';
import { ColumnChooser } from './list/ColumnChooser.tsx';
import { DEFAULT_COLUMNS } from './list/columns.tsx';
import { activeFilterCount, type ListState, parseListState, toApiParams, toSearchParams } from './list/params.ts';
import { useColumnChoice } from './list/preferences.ts';
import { SaveFilterButton } from './list/SaveFilterButton.tsx';
import { useSlashFocus } from './list/useSlashFocus.ts';

export default function CaseListPage() {
  const { t, i18n } = useTranslation(['caseList', 'common']);
  const { can } = useSession();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => parseListState(search), [search]);
  const params = useMemo(() => toApiParams(state), [state]);
  const list = useCaseList(params);
  const columns = useColumnChoice();
  const visible = columns.data ?? DEFAULT_COLUMNS;
  const searchRef = useRef<InputRef>(null);
  useSlashFocus(searchRef);

  /** Filters reset paging; every change is a new history entry, so back/forward walk through them. */
  const update = useCallback(
    (patch: Partial<ListState>) => {
      const resetsPage = !('page' in patch);
      setSearch(toSearchParams({ ...state, ...patch, ...(resetsPage ? { page: 1 } : {}) }));
    },
    [state, setSearch],
  );
  const reset = useCallback(() => setSearch(toSearchParams({ sort: state.sort, pageSize: state.pageSize })), [state, setSearch]);

  useEffect(() => {
    document.title = `${t('title')} · ${t('common:appName')}`;
  }, [t]);

  const filtered = activeFilterCount(state) > 0;
  const error = list.error;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        {can('cases:create') && (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/cases/new')}>
            {t('common:nav.newCase')}
          </Button>
        )}
      </Flex>
      <Card size="small" styles={{ body: { paddingBottom: 0 } }}>
        <CaseFilters state={state} onChange={update} onReset={reset} searchRef={searchRef} />
      </Card>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text strong aria-live="polite">
            {list.data ? t('total', { count: list.data.total }) : t('common:states.loading')}
          </Typography.Text>
          <Flex gap={8} wrap>
            <SaveFilterButton state={state} />
            <ColumnChooser visible={visible} />
            <Button icon={<DownloadOutlined />} href={exportUrl(params, i18n.language)} download disabled={!list.data?.total}>
              {t('export')}
            </Button>
          </Flex>
        </Flex>
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('loadFailed')}
            description={error instanceof ApiError ? (error.problem.detail ?? error.message) : t('common:errors.network')}
            action={
              <Button size="small" onClick={() => void list.refetch()}>
                {t('common:states.retry')}
              </Button>
            }
          />
        )}
        <CaseTable
          state={state}
          data={list.data}
          loading={list.isFetching}
          visible={visible}
          filtered={filtered}
          onChange={update}
          onReset={reset}
        />
      </Card>
    </Flex>
  );
}
