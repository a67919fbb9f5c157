import type { Permission } from '@closeloop/domain';
import { Checkbox, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useSession } from '../auth/session.tsx';
import { type NewApiToken, useCreateApiToken } from './api.ts';
import { sortPermissions, usePermissionLabel } from './labels.ts';

interface Values {
  name: string;
  scopes: Permission[];
  expiresAt?: Dayjs | null;
}
const FIELDS = ['name', 'scopes', 'expiresAt'];

/** 新建 API 令牌: name, scopes among the permissions the user holds, optional expiry day. */
export function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (token: NewApiToken) => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiToken();
  const { report } = useApiProblem();
  const permissionLabel = usePermissionLabel();
  const held = sortPermissions(user.permissions);
  const chosen = Form.useWatch('scopes', form) ?? [];

  const submit = async (v: Values) => {
    try {
      const token = await create.mutateAsync({
        name: v.name.trim(),
        scopes: v.scopes,
        expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : undefined,
      });
      onCreated(token);
    } catch (err) {
      report(err, form, FIELDS);
    }
  };

  return (
    <Modal
      open
      title={t('tokens.createTitle')}
      width={640}
      onCancel={onClose}
      okText={t('tokens.create')}
      okButtonProps={{ htmlType: 'submit', form: 'token-create', loading: create.isPending }}
      destroyOnHidden
    >
      <Form<Values> id="token-create" form={form} layout="vertical" initialValues={{ scopes: [] }} onFinish={submit}>
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}>
          <Input maxLength={100} placeholder={t('tokens.namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item label={t('tokens.scopes')} required extra={t('tokens.scopesHint')} style={{ marginBottom: 8 }}>
          <Checkbox
            indeterminate={chosen.length > 0 && chosen.length < held.length}
            checked={held.length > 0 && chosen.length === held.length}
            onChange={(e) => form.setFieldValue('scopes', e.target.checked ? held : [])}
            style={{ marginBottom: 8 }}
          >
            {t('tokens.selectAll')}
          </Checkbox>
          <Form.Item name="scopes" noStyle rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}>
            <Checkbox.Group
              aria-label={t('tokens.scopes')}
              style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', rowGap: 6 }}
              options={held.map((p) => ({
                value: p,
                label: (
                  <span title={p}>
                    {permissionLabel(p)}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p}
                    </Typography.Text>
                  </span>
                ),
              }))}
            />
          </Form.Item>
        </Form.Item>
        <Form.Item name="expiresAt" label={t('tokens.expiresAt')} extra={t('tokens.expiresHint')}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} placeholder={t('tokens.never')} style={{ width: 220 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
