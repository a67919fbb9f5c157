import type { DepartmentView, UserView } from '@closeloop/domain';
import { App, Checkbox, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useSession } from '../auth/session.tsx';
import { type Role, useSaveUser } from './api.ts';
import { useLocalName } from './labels.ts';

interface Values {
  login: string;
  displayName: string;
  email?: string;
  locale: 'zh-CN' | 'en-US';
  departmentId?: string | null;
  roles: string[];
  password?: string;
  isActive?: boolean;
}
const FIELDS = ['login', 'displayName', 'email', 'locale', 'departmentId', 'roles', 'password', 'isActive'];

/**
 * 新建用户 (POST /users) or 编辑用户 (PATCH /users/{id} with the version it was opened with; a conflict
 * closes and reloads). When editing, an empty password leaves it unchanged.
 */
export function UserModal({
  user,
  onClose,
  departments,
  roles,
}: {
  user: UserView | null;
  onClose: () => void;
  departments: DepartmentView[];
  roles: Role[];
}) {
  const { t } = useTranslation(['admin', 'common']);
  const { user: me } = useSession();
  const [form] = Form.useForm<Values>();
  const save = useSaveUser();
  const localName = useLocalName();
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const isSelf = user?.id === me.id;

  const submit = async (v: Values) => {
    try {
      if (user) {
        await save.mutateAsync({
          id: user.id,
          body: {
            version: user.version,
            displayName: v.displayName.trim(),
            email: v.email?.trim() || null,
            locale: v.locale,
            departmentId: v.departmentId || null,
            roles: v.roles,
            ...(isSelf ? {} : { isActive: Boolean(v.isActive) }),
            ...(v.password ? { password: v.password } : {}),
          },
        });
        void message.success(t('users.saved'));
      } else {
        const created = await save.mutateAsync({
          body: {
            login: v.login.trim(),
            displayName: v.displayName.trim(),
            email: v.email?.trim() || undefined,
            locale: v.locale,
            departmentId: v.departmentId || undefined,
            roles: v.roles,
            password: v.password ?? '',
          },
        });
        void message.success(t('users.created', { name: created.displayName }));
      }
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'version_conflict') {
        void message.warning(t('users.conflict'), 6);
        onClose();
        return;
      }
      report(err, form, FIELDS);
    }
  };

  const initial: Partial<Values> = user
    ? {
        login: user.login,
        displayName: user.displayName,
        email: user.email ?? undefined,
        locale: user.locale,
        departmentId: user.departmentId,
        roles: user.roles,
        isActive: user.isActive,
      }
    : { locale: 'zh-CN', roles: [] };
  // A department that was deactivated stays selectable for the user who is already in it.
  const deptOptions = departments.filter((d) => d.isActive || d.id === user?.departmentId);

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      width={640}
      onCancel={onClose}
      okText={t('common:actions.save')}
      okButtonProps={{ htmlType: 'submit', form: 'user-form', loading: save.isPending }}
      destroyOnHidden
    >
      <Form<Values> id="user-form" form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="login"
              label={t('users.login')}
              extra={user ? t('users.loginReadonly') : undefined}
              rules={[
                { required: true, whitespace: true, message: t('users.loginRequired') },
                { pattern: /^\s*[\p{L}\p{N}._@-]{2,64}\s*$/u, message: t('users.loginInvalid') },
              ]}
            >
              <Input autoFocus={!user} autoComplete="off" maxLength={64} disabled={Boolean(user)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="displayName"
              label={t('users.displayName')}
              rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
            >
              <Input maxLength={100} autoFocus={Boolean(user)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
              <Input maxLength={254} inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="locale" label={t('users.locale')}>
              <Select
                options={[
                  { value: 'zh-CN', label: t('languages.zhCN') },
                  { value: 'en-US', label: t('languages.enUS') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="departmentId" label={t('users.department')}>
              <Select
                allowClear
                placeholder={t('users.noDepartment')}
                options={deptOptions.map((d) => ({ value: d.id, label: localName(d) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="roles"
              label={t('users.roles')}
              rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
            >
              <Select mode="multiple" options={roles.map((r) => ({ value: r.code, label: localName(r) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="password"
              label={user ? t('users.newPassword') : t('users.password')}
              extra={user ? t('users.newPasswordHint') : t('users.passwordHint')}
              rules={[
                { required: !user, message: t('users.passwordRequired') },
                { min: 10, message: t('users.passwordTooShort') },
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={200} />
            </Form.Item>
          </Col>
          {user && (
            <Col span={24}>
              <Form.Item name="isActive" valuePropName="checked" extra={isSelf ? t('users.selfActive') : t('users.activeHint')}>
                <Checkbox disabled={isSelf}>{t('users.isActive')}</Checkbox>
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
