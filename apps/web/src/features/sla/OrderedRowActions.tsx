import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Row actions of an ordered list (SLA policies, assignment rules): move up/down, edit, delete with confirmation. */
export function OrderedRowActions(props: {
  name: string;
  index: number;
  count: number;
  busy: boolean;
  deleteTitle: string;
  deleteDescription?: string;
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation(['sla', 'common']);
  const { name, index, count, busy } = props;
  return (
    <Space size={0}>
      <Tooltip title={t('moveUp')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          disabled={index === 0 || busy}
          aria-label={t('moveUpNamed', { name })}
          onClick={() => props.onMove(-1)}
        />
      </Tooltip>
      <Tooltip title={t('moveDown')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          disabled={index === count - 1 || busy}
          aria-label={t('moveDownNamed', { name })}
          onClick={() => props.onMove(1)}
        />
      </Tooltip>
      <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('editNamed', { name })} onClick={props.onEdit} />
      <Popconfirm
        title={props.deleteTitle}
        description={props.deleteDescription}
        okText={t('common:actions.delete')}
        okButtonProps={{ danger: true }}
        cancelText={t('common:actions.cancel')}
        onConfirm={props.onDelete}
      >
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('deleteNamed', { name })} />
      </Popconfirm>
    </Space>
  );
}
