import { EditOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { CaseAction, CaseView } from '@closeloop/domain';
import { Alert, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PriorityTag, SeverityTag, StatusTag } from '../../../ui/CaseTags.tsx';
import { departmentName, useDepartments } from '../../admin/api.ts';
import { formatInstant } from './format.ts';

const PRIMARY: readonly CaseAction[] = ['acknowledge', 'close', 'approve', 'start_resolution'];
const DANGER: readonly CaseAction[] = ['reject', 'decline'];

/** Buttons for exactly the actions the server allows this user now. */
export function ActionButtons({ actions, onAction }: { actions: readonly CaseAction[]; onAction: (a: CaseAction) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {actions.map((a) => (
        <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => onAction(a)}>
          {t(`enums.caseAction.${a}`)}
        </Button>
      ))}
    </>
  );
}

/** Number, type, status and the tags that matter; who owns it; what can be done. */
export function CaseHeader({
  c,
  canEdit,
  onAction,
  onAssign,
  onEdit,
}: {
  c: CaseView;
  canEdit: boolean;
  onAction: (a: CaseAction) => void;
  onAssign: () => void;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const departments = useDepartments();
  const department = departments.data?.find((d) => d.id === c.departmentId);
  const finished = c.status === 'closed' || c.status === 'rejected';
  const reopenedAs = c.links.filter((l) => l.kind === 'reopened_as');
  const reopenedFrom = c.links.find((l) => l.kind === 'reopened_from');

  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div style={{ minWidth: 0, flex: '1 1 360px' }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: c.number }}>
              {c.number}
            </Typography.Title>
            <Tag color="blue">
              {t(`common:enums.caseType.${c.type}`)}
              {c.serviceKind ? ` · ${t(`common:enums.serviceKind.${c.serviceKind}`)}` : ''}
            </Tag>
            <StatusTag status={c.status} />
            <SeverityTag severity={c.severity} />
            {c.grade && (
              <Tag color={c.grade === 'urgent' ? 'red' : c.grade === 'serious' ? 'orange' : 'default'}>
                {t(`common:enums.grade.${c.grade}`)}
              </Tag>
            )}
            <PriorityTag priority={c.priority} />
          </Flex>
          <Typography.Title level={5} style={{ margin: '8px 0 0', fontWeight: 500 }}>
            {c.title}
          </Typography.Title>
        </div>
        <Flex gap={8} wrap justify="flex-end" role="toolbar" aria-label={t('header.actions')}>
          <ActionButtons actions={c.allowedActions} onAction={onAction} />
          {canEdit && !finished && (
            <>
              <Button icon={<UserSwitchOutlined />} onClick={onAssign}>
                {t('header.assign')}
              </Button>
              <Button icon={<EditOutlined />} onClick={onEdit}>
                {t('common:actions.edit')}
              </Button>
            </>
          )}
        </Flex>
      </Flex>
      <Descriptions
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          {
            key: 'owner',
            label: t('fields.ownerId'),
            children: c.owner?.displayName ?? <Typography.Text type="warning">{t('header.unassigned')}</Typography.Text>,
          },
          { key: 'dept', label: t('fields.departmentId'), children: department ? departmentName(department, i18n.language) : '—' },
          { key: 'received', label: t('fields.receivedAt'), children: formatInstant(c.receivedAt) },
          { key: 'customer', label: t('fields.customerId'), children: c.customer?.name ?? '—' },
        ]}
      />
      {c.status === 'on_hold' && c.holdFromStatus && (
        <Alert type="info" showIcon title={t('header.onHold', { status: t(`common:enums.caseStatus.${c.holdFromStatus}`) })} />
      )}
      {reopenedAs.map((l) => (
        <Alert
          key={l.caseId}
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={
            <>
              {t('header.reopenedAs')} <Link to={`/cases/${l.number}`}>{l.number}</Link>
            </>
          }
        />
      ))}
      {reopenedFrom && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          title={
            <>
              {t('header.reopenedFrom')} <Link to={`/cases/${reopenedFrom.number}`}>{reopenedFrom.number}</Link>
            </>
          }
        />
      )}
    </Card>
  );
}
