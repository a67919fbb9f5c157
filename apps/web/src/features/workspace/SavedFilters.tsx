import { DeleteOutlined, FilterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type SavedFilter, savedFilterHref, useSavedFilters, useSaveSavedFilters } from '../cases/list/preferences.ts';

/** The user's saved case-list filters (我的筛选): each opens the list; each can be deleted. */
export function SavedFilters() {
  const { t } = useTranslation(['workspace', 'common']);
  const { message } = App.useApp();
  const saved = useSavedFilters();
  const save = useSaveSavedFilters();

  const remove = async (name: string) => {
    try {
      await save.mutateAsync((saved.data ?? []).filter((f) => f.name !== name));
      message.success(t('savedFilters.deleted', { name }));
    } catch (e) {
      message.error(e instanceof ApiError ? (e.problem.detail ?? e.message) : t('common:errors.network'));
    }
  };

  return (
    <Card title={t('savedFilters.heading')} styles={{ body: { padding: saved.data?.length ? 0 : undefined } }}>
      {saved.isError ? (
        <Alert type="error" showIcon title={t('savedFilters.loadFailed')} />
      ) : (
        <Table<SavedFilter>
          rowKey="name"
          size="small"
          showHeader={false}
          loading={saved.isPending}
          pagination={false}
          dataSource={saved.data ?? []}
          locale={{
            emptyText: saved.isPending ? (
              ' '
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={<Typography.Text type="secondary">{t('savedFilters.empty')}</Typography.Text>}
              >
                <Link to="/cases">{t('savedFilters.goToList')}</Link>
              </Empty>
            ),
          }}
          columns={[
            {
              key: 'name',
              title: t('savedFilters.name'),
              ellipsis: true,
              render: (_: unknown, f) => (
                <Link to={savedFilterHref(f)}>
                  <FilterOutlined style={{ marginInlineEnd: 8 }} />
                  {f.name}
                </Link>
              ),
            },
            {
              key: 'actions',
              title: t('savedFilters.actions'),
              width: 56,
              align: 'end',
              render: (_: unknown, f) => (
                <Popconfirm
                  title={t('savedFilters.confirmDelete', { name: f.name })}
                  okText={t('common:actions.delete')}
                  cancelText={t('common:actions.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(f.name)}
                >
                  <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('savedFilters.delete', { name: f.name })} />
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
