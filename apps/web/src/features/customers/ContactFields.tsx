import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ContactFormValues {
  name?: string;
  title?: string;
  phone?: string;
  email?: string;
  isPrimary?: boolean;
}

/** One contact's fields; `prefix` is the name path inside a Form.List, or empty for a stand-alone form. */
export function ContactFieldRow({ prefix = [], autoFocus }: { prefix?: (string | number)[]; autoFocus?: boolean }) {
  const { t } = useTranslation(['customers', 'common']);
  const inList = prefix.length > 0;
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...prefix, 'name']}
          label={t('contact.name')}
          dependencies={inList ? ['title', 'phone', 'email'].map((f) => ['contacts', ...prefix, f]) : []}
          rules={[
            inList
              ? // In the new-customer form a row left completely empty is dropped; one with any detail needs a name.
                ({ getFieldValue }) => ({
                  required: ['title', 'phone', 'email'].some((f) => String(getFieldValue(['contacts', ...prefix, f]) ?? '').trim()),
                  whitespace: true,
                  message: t('validation.contactNameRequired'),
                })
              : { required: true, whitespace: true, message: t('validation.contactNameRequired') },
          ]}
        >
          <Input maxLength={100} autoFocus={autoFocus} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[...prefix, 'title']} label={t('contact.title')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[...prefix, 'phone']} label={t('contact.phone')}>
          <Input maxLength={50} inputMode="tel" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...prefix, 'email']}
          label={t('contact.email')}
          rules={[{ type: 'email', message: t('validation.emailInvalid') }]}
        >
          <Input maxLength={254} inputMode="email" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={[...prefix, 'isPrimary']} valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('contact.isPrimary')}</Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The list of contacts in the new-customer form. */
export function ContactListFields() {
  const { t } = useTranslation(['customers', 'common']);
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <div key={field.key} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px', marginBottom: 12 }}>
              <Row justify="space-between" align="middle">
                <Typography.Text strong>{t('contact.number', { n: index + 1 })}</Typography.Text>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('contact.remove')}
                  title={t('contact.remove')}
                  onClick={() => remove(field.name)}
                />
              </Row>
              <ContactFieldRow prefix={[field.name]} />
            </div>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ isPrimary: fields.length === 0 })}>
            {t('contact.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Whether a row of the contact list has anything in it. */
export const isFilled = (c: Partial<ContactFormValues> | undefined) =>
  Boolean(c && [c.name, c.title, c.phone, c.email].some((v) => v?.trim()));

export const contactPayload = (c: ContactFormValues) => ({
  name: (c.name ?? '').trim(),
  title: c.title?.trim() || undefined,
  phone: c.phone?.trim() || undefined,
  email: c.email?.trim() || undefined,
  isPrimary: Boolean(c.isPrimary),
});
