import type { CustomerView } from '@closeloop/domain';
import { App, Divider, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useCreateCustomer } from './api.ts';
import { type ContactFormValues, ContactListFields, contactPayload, isFilled } from './ContactFields.tsx';
import { blankToUndefined, CUSTOMER_FIELDS, CustomerFields, type CustomerFormValues } from './CustomerFields.tsx';

type Values = CustomerFormValues & { contacts?: ContactFormValues[] };

const INITIAL: Partial<Values> = { kind: 'company', country: 'CN', tier: 'C', contacts: [{ isPrimary: true }] };

/** 新建客户: the customer's fields and its contacts, in one dialog. */
export function CustomerCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (c: CustomerView) => void;
}) {
  const { t } = useTranslation(['customers', 'common']);
  const [form] = Form.useForm<Values>();
  const create = useCreateCustomer();
  const { message } = App.useApp();
  const { report } = useApiProblem();

  const submit = async (v: Values) => {
    try {
      const created = await create.mutateAsync({
        kind: v.kind,
        name: v.name.trim(),
        nameEn: blankToUndefined(v.nameEn),
        country: v.country.trim().toUpperCase(),
        province: blankToUndefined(v.province),
        city: blankToUndefined(v.city),
        address: blankToUndefined(v.address),
        tier: v.tier,
        notes: blankToUndefined(v.notes),
        contacts: (v.contacts ?? []).filter(isFilled).map(contactPayload),
      });
      void message.success(t('create.success', { name: created.name }));
      form.resetFields();
      onCreated?.(created);
      onClose();
    } catch (err) {
      report(err, form, CUSTOMER_FIELDS);
    }
  };

  return (
    <Modal
      open={open}
      title={t('create.title')}
      width={760}
      onCancel={onClose}
      okText={t('create.submit')}
      okButtonProps={{ htmlType: 'submit', form: 'customer-create', loading: create.isPending }}
      destroyOnHidden
    >
      <Form<Values> id="customer-create" form={form} layout="vertical" initialValues={INITIAL} onFinish={submit} scrollToFirstError>
        <CustomerFields />
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('fields.contacts')}
        </Divider>
        <ContactListFields />
      </Form>
    </Modal>
  );
}
