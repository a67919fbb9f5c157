import { SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useComment } from '../api.ts';
import { VISIBILITY_STYLE } from './events/visibility.tsx';

interface Values {
  body: string;
  visibility: 'internal' | 'customer';
}

/** Add an internal note or a customer-visible reply; Ctrl+Enter sends. */
export function CommentBox({ caseKey }: { caseKey: string }) {
  const { t } = useTranslation(['cases', 'common']);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const [form] = Form.useForm<Values>();
  const visibility = Form.useWatch('visibility', form) ?? 'internal';
  const comment = useComment(caseKey);
  const s = VISIBILITY_STYLE[visibility];

  const submit = async (v: Values) => {
    try {
      await comment.mutateAsync({ body: v.body.trim(), visibility: v.visibility });
      form.setFieldsValue({ body: '' });
      message.success(visibility === 'customer' ? t('comment.sentCustomer') : t('comment.sentInternal'));
    } catch (e) {
      report(e, form, ['body']);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="comment"
      initialValues={{ visibility: 'internal', body: '' }}
      onFinish={submit}
      style={{ background: s.background, border: `1px solid ${s.border}`, borderRadius: 8, padding: 12, marginBottom: 16 }}
    >
      <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('rules.comment') }]} style={{ marginBottom: 8 }}>
        <Input.TextArea
          aria-label={t('comment.label')}
          placeholder={visibility === 'customer' ? t('comment.placeholderCustomer') : t('comment.placeholderInternal')}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={20000}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              form.submit();
            }
          }}
        />
      </Form.Item>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Form.Item name="visibility" noStyle>
          <Radio.Group
            optionType="button"
            aria-label={t('comment.visibility')}
            options={(['internal', 'customer'] as const).map((v) => ({
              value: v,
              label: (
                <span>
                  {VISIBILITY_STYLE[v].icon} {t(`common:enums.visibility.${v}`)}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('comment.shortcut')}
          </Typography.Text>
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={comment.isPending}>
            {visibility === 'customer' ? t('comment.sendCustomer') : t('comment.sendInternal')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
