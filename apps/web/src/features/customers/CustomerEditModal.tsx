import type { CustomerView } from '@closeloop/domain';
import { App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useUpdateCustomer } from './api.ts';
import { blankToNull, CUSTOMER_FIELDS, CustomerFields, type CustomerFormValues } from './CustomerFields.tsx';

/**
 * 编辑客户. Sends the version it was opened with; when someone else saved first (409) it says so,
 * reloads the record and closes, so the user edits the latest version.
 */
export function CustomerEditModal({
  customer,
  open,
  onClose,
  onConflict,
}: {
  customer: CustomerView;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation(['customers', 'common']);
  const [form] = Form.useForm<CustomerFormValues>();
  const update = useUpdateCustomer(customer.id);
  const { message } = App.useApp();
  const { report } = useApiProblem();

  const submit = async (v: CustomerFormValues) => {
    try {
      await update.mutateAsync({
        version: customer.version,
        kind: v.kind,
        name: v.name.trim(),
        nameEn: blankToNull(v.nameEn),
        country: v.country.trim().toUpperCase(),
        province: blankToNull(v.province),
        city: blankToNull(v.city),
        address: blankToNull(v.address),
        tier: v.tier,
        notes: blankToNull(v.notes),
      });
      void message.success(t('edit.success'));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'version_conflict') {
        void message.warning(t('edit.conflict'), 6);
        onConflict();
        onClose();
        return;
      }
      report(err, form, CUSTOMER_FIELDS);
    }
  };

  const initial: CustomerFormValues = {
    kind: customer.kind,
    name: customer.name,
    nameEn: customer.nameEn ?? undefined,
    country: customer.country,
    province: customer.province ?? undefined,
    city: customer.city ?? undefined,
    address: customer.address ?? undefined,
    tier: customer.tier,
    notes: customer.notes ?? undefined,
  };

  return (
    <Modal
      open={open}
      title={t('edit.title')}
      width={760}
      onCancel={onClose}
      okText={t('common:actions.save')}
      okButtonProps={{ htmlType: 'submit', form: 'customer-edit', loading: update.isPending }}
      destroyOnHidden
    >
      <Form<CustomerFormValues> id="customer-edit" form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <CustomerFields />
      </Form>
    </Modal>
  );
}
