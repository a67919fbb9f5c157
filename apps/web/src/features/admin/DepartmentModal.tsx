import type { DepartmentView, UserView } from '@closeloop/domain';
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useSaveDepartment } from './api.ts';
import { useLocalName } from './labels.ts';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  headUserId?: string | null;
  isActive?: boolean;
}
const FIELDS = ['code', 'nameZh', 'nameEn', 'headUserId', 'isActive'];

/** 新建部门 / 编辑部门 (sends the version it was opened with; a conflict closes and reloads). */
export function DepartmentModal({
  department,
  users,
  onClose,
}: {
  department: DepartmentView | null;
  users: UserView[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const [form] = Form.useForm<Values>();
  const save = useSaveDepartment();
  const localName = useLocalName();
  const { message } = App.useApp();
  const { report } = useApiProblem();

  const submit = async (v: Values) => {
    try {
      if (department) {
        await save.mutateAsync({
          id: department.id,
          body: {
            version: department.version,
            nameZh: v.nameZh.trim(),
            nameEn: v.nameEn.trim(),
            headUserId: v.headUserId ?? null,
            isActive: Boolean(v.isActive),
          },
        });
        void message.success(t('departments.saved'));
      } else {
        const d = await save.mutateAsync({
          body: { code: v.code.trim(), nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), headUserId: v.headUserId ?? null },
        });
        void message.success(t('departments.created', { name: localName(d) }));
      }
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'version_conflict') {
        void message.warning(t('departments.conflict'), 6);
        onClose();
        return;
      }
      report(err, form, FIELDS);
    }
  };

  const initial: Partial<Values> = department
    ? {
        code: department.code,
        nameZh: department.nameZh,
        nameEn: department.nameEn,
        headUserId: department.headUserId,
        isActive: department.isActive,
      }
    : {};

  return (
    <Modal
      open
      title={department ? t('departments.editTitle', { name: localName(department) }) : t('departments.createTitle')}
      onCancel={onClose}
      okText={t('common:actions.save')}
      okButtonProps={{ htmlType: 'submit', form: 'department-form', loading: save.isPending }}
      destroyOnHidden
    >
      <Form<Values> id="department-form" form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item
          name="code"
          label={t('departments.code')}
          extra={t('departments.codeHint')}
          rules={[
            { required: true, whitespace: true, message: t('departments.codeRequired') },
            { pattern: /^\s*[a-z0-9_]{1,40}\s*$/, message: t('departments.codeInvalid') },
          ]}
        >
          <Input maxLength={40} disabled={Boolean(department)} autoFocus={!department} />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('departments.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('departments.nameZhRequired') }]}
        >
          <Input maxLength={100} autoFocus={Boolean(department)} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('departments.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('departments.nameEnRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="headUserId" label={t('departments.head')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('departments.noHead')}
            options={users.filter((u) => u.isActive).map((u) => ({ value: u.id, label: `${u.displayName}（${u.login}）` }))}
          />
        </Form.Item>
        {department && (
          <Form.Item name="isActive" valuePropName="checked">
            <Checkbox>{t('departments.isActive')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
