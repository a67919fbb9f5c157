import type { ChangePasswordBody } from '@closeloop/domain';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { useApiProblem } from '../../ui/useApiProblem.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Codes the server gives a refused password field; each has its own words in both languages. */
const PROBLEM_CODES = [
  'wrong_password',
  'password_unchanged',
  'password_too_short',
  'password_trivial',
  'password_common',
  'password_contains_login',
  'password_too_simple',
] as const;
type ProblemCode = (typeof PROBLEM_CODES)[number];
const isProblemCode = (code: unknown): code is ProblemCode => PROBLEM_CODES.includes(code as ProblemCode);

/** 修改密码: the current password, the new one twice. The server ends the user's other sessions. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('auth');
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const change = useMutation({ mutationFn: (body: ChangePasswordBody) => api.post<void>('/auth/password', body) });

  const submit = async (v: Values) => {
    try {
      await change.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t('changePassword.done'));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        const seconds = Number(err.problem.retryAfterSeconds ?? 60);
        form.setFields([{ name: 'currentPassword', errors: [t('changePassword.lockedOut', { minutes: Math.ceil(seconds / 60) })] }]);
        return;
      }
      const fields = err instanceof ApiError ? (err.problem.errors ?? []) : [];
      const placed = fields.filter((e) => e.field === 'currentPassword' || e.field === 'newPassword');
      if (placed.length > 0 && placed.length === fields.length) {
        form.setFields(
          placed.map((e) => ({
            name: e.field as keyof Values,
            errors: [isProblemCode(e.code) ? t(`changePassword.problems.${e.code}`) : e.message],
          })),
        );
        return;
      }
      report(err);
    }
  };

  return (
    <Modal
      open
      title={t('changePassword.title')}
      okText={t('changePassword.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} name="change-password" layout="vertical" onFinish={submit}>
        <Form.Item
          name="currentPassword"
          label={t('changePassword.current')}
          rules={[{ required: true, message: t('changePassword.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('changePassword.new')}
          extra={t('changePassword.rule')}
          rules={[{ required: true, message: t('changePassword.newRequired') }]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('changePassword.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('changePassword.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('changePassword.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
