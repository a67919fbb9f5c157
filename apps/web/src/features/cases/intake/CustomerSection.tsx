import { PlusOutlined } from '@ant-design/icons';
import type { CustomerView } from '@closeloop/domain';
import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomer } from '../../customers/lookups.ts';
import { NewCustomerModal } from './NewCustomerModal.tsx';
import { CustomerSelect } from './RemoteSelects.tsx';
import type { IntakeValues } from './values.ts';

/** Section 1: the customer (search or create inline) and the contact person. */
export function CustomerSection() {
  const { t } = useTranslation('cases');
  const form = Form.useFormInstance<IntakeValues>();
  const customerId = Form.useWatch('customerId', form);
  const customer = useCustomer(customerId);
  const contacts = customer.data?.id === customerId ? (customer.data?.contacts ?? []) : [];
  const [creating, setCreating] = useState(false);

  const chooseContact = (id: string | undefined) => {
    const c = contacts.find((x) => x.id === id);
    form.setFieldsValue({
      contactId: c?.id,
      contactName: c?.name ?? undefined,
      contactPhone: c?.phone ?? undefined,
      contactEmail: c?.email ?? undefined,
    });
  };

  // A newly chosen customer brings its primary contact, unless someone was already typed in.
  useEffect(() => {
    if (!customer.data || customer.data.id !== customerId) return;
    const { contactId, contactName } = form.getFieldsValue(['contactId', 'contactName']);
    const stillValid = customer.data.contacts.some((c) => c.id === contactId);
    if (contactId && !stillValid) form.setFieldsValue({ contactId: undefined });
    if (!contactName?.trim() && !stillValid) {
      const primary = customer.data.contacts.find((c) => c.isPrimary) ?? customer.data.contacts[0];
      if (primary) {
        form.setFieldsValue({
          contactId: primary.id,
          contactName: primary.name,
          contactPhone: primary.phone ?? undefined,
          contactEmail: primary.email ?? undefined,
        });
      }
    }
  }, [customer.data, customerId, form]);

  const created = (c: CustomerView) => {
    setCreating(false);
    form.setFieldsValue({
      customerId: c.id,
      contactId: undefined,
      contactName: undefined,
      contactPhone: undefined,
      contactEmail: undefined,
    });
    form.validateFields(['customerId']).catch(() => undefined);
  };

  /** Typing over a chosen contact's name means someone else: forget the link. */
  const typedName = () => {
    const { contactId, contactName } = form.getFieldsValue(['contactId', 'contactName']);
    const chosen = contacts.find((c) => c.id === contactId);
    if (chosen && chosen.name !== contactName) form.setFieldsValue({ contactId: undefined });
  };

  return (
    <>
      <Form.Item label={t('fields.customerId')} htmlFor="intake_customerId" required>
        <Space.Compact block>
          <Form.Item name="customerId" noStyle rules={[{ required: true, message: t('rules.customer') }]}>
            <CustomerSelect
              autoFocus
              allowClear
              placeholder={t('intake.customerPlaceholder')}
              style={{ width: '100%' }}
              aria-label={t('fields.customerId')}
            />
          </Form.Item>
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('intake.newCustomer')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="contactId" label={t('fields.contactId')}>
            <Select
              allowClear
              disabled={!contacts.length}
              placeholder={customerId ? t('intake.contactPick') : t('intake.contactNeedsCustomer')}
              onChange={chooseContact}
              options={contacts.map((c) => ({
                value: c.id,
                label: [c.name, c.title, c.phone].filter(Boolean).join(' · '),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="contactName" label={t('fields.contactName')}>
            <Input maxLength={100} onChange={typedName} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="contactPhone" label={t('fields.contactPhone')}>
            <Input maxLength={50} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="contactEmail" label={t('fields.contactEmail')} rules={[{ type: 'email', message: t('rules.email') }]}>
            <Input maxLength={254} inputMode="email" />
          </Form.Item>
        </Col>
      </Row>
      <NewCustomerModal open={creating} onClose={() => setCreating(false)} onCreated={created} />
    </>
  );
}
