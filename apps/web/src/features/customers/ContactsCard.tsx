import { PlusOutlined } from '@ant-design/icons';
import type { CustomerView } from '@closeloop/domain';
import { App, Button, Card, Form, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { type ContactView, useAddContact } from './api.ts';
import { ContactFieldRow, type ContactFormValues, contactPayload } from './ContactFields.tsx';

const CONTACT_FIELDS = ['name', 'title', 'phone', 'email', 'isPrimary'];

/** The customer's contacts, with 添加联系人. */
export function ContactsCard({ customer, canWrite }: { customer: CustomerView; canWrite: boolean }) {
  const { t } = useTranslation(['customers', 'common']);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<ContactFormValues>();
  const add = useAddContact(customer.id);
  const { message } = App.useApp();
  const { report } = useApiProblem();

  const submit = async (v: ContactFormValues) => {
    try {
      const c = await add.mutateAsync(contactPayload(v));
      void message.success(t('contact.added', { name: c.name }));
      setAdding(false);
    } catch (err) {
      report(err, form, CONTACT_FIELDS);
    }
  };

  return (
    <Card
      title={t('detail.contacts')}
      extra={
        canWrite && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('contact.add')}
          </Button>
        )
      }
    >
      <Table<ContactView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={customer.contacts}
        locale={{ emptyText: t('contact.empty') }}
        scroll={{ x: 600 }}
        columns={[
          {
            title: t('contact.name'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <>
                {name} {c.isPrimary && <Tag color="blue">{t('contact.primaryTag')}</Tag>}
              </>
            ),
          },
          { title: t('contact.title'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
          {
            title: t('contact.phone'),
            dataIndex: 'phone',
            render: (v: string | null) => (v ? <a href={`tel:${v}`}>{v}</a> : '—'),
          },
          {
            title: t('contact.email'),
            dataIndex: 'email',
            render: (v: string | null) => (v ? <a href={`mailto:${v}`}>{v}</a> : '—'),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('contact.addTitle')}
        onCancel={() => setAdding(false)}
        okText={t('common:actions.save')}
        okButtonProps={{ htmlType: 'submit', form: 'contact-add', loading: add.isPending }}
        destroyOnHidden
      >
        <Form<ContactFormValues>
          id="contact-add"
          form={form}
          layout="vertical"
          initialValues={{ isPrimary: customer.contacts.length === 0 }}
          onFinish={submit}
        >
          <ContactFieldRow autoFocus />
        </Form>
      </Modal>
    </Card>
  );
}
