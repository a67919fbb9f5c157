import { CUSTOMER_KINDS, CUSTOMER_TIERS, type CustomerView } from '@closeloop/domain';
import { App, Col, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useCreateCustomer } from './lookups.ts';

interface Values {
  kind: (typeof CUSTOMER_KINDS)[number];
  name: string;
  country: string;
  province?: string;
  city?: string;
  tier: (typeof CUSTOMER_TIERS)[number];
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** The API's field path → this form's field. */
const nameFor = (field: string) => {
  const contact = /^contacts\.0\.(name|phone|email)$/.exec(field);
  if (contact?.[1]) return [`contact${contact[1][0]!.toUpperCase()}${contact[1].slice(1)}`];
  return ['kind', 'name', 'country', 'province', 'city', 'tier'].includes(field) ? [field] : undefined;
};

/** "新建客户" without leaving the intake form: the minimal fields, one contact. */
export function NewCustomerModal({
  open,
  initialName,
  onClose,
  onCreated,
}: {
  open: boolean;
  initialName?: string;
  onClose: () => void;
  onCreated: (c: CustomerView) => void;
}) {
  const { t } = useTranslation(['cases', 'common']);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const [form] = Form.useForm<Values>();
  const create = useCreateCustomer();

  const submit = async (v: Values) => {
    const contactName = trimmed(v.contactName);
    try {
      const c = await create.mutateAsync({
        kind: v.kind,
        name: v.name.trim(),
        country: v.country.trim().toUpperCase(),
        province: trimmed(v.province),
        city: trimmed(v.city),
        tier: v.tier,
        contacts: contactName
          ? [{ name: contactName, phone: trimmed(v.contactPhone), email: trimmed(v.contactEmail), isPrimary: true }]
          : [],
      });
      message.success(t('newCustomer.created', { name: c.name }));
      form.resetFields();
      onCreated(c);
    } catch (e) {
      report(e, form, nameFor);
    }
  };

  return (
    <Modal
      open={open}
      title={t('newCustomer.title')}
      okText={t('common:actions.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="newCustomer"
        layout="vertical"
        initialValues={{ kind: 'company', country: 'CN', tier: 'C', name: initialName }}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('newCustomer.kind')}>
          <Radio.Group
            optionType="button"
            options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`common:enums.customerKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('newCustomer.name')}
          rules={[{ required: true, whitespace: true, message: t('rules.customerName') }]}
        >
          <Input autoFocus maxLength={200} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item
              name="country"
              label={t('newCustomer.country')}
              rules={[{ required: true, pattern: /^[A-Za-z]{2}$/, message: t('rules.country') }]}
            >
              <Input maxLength={2} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="province" label={t('newCustomer.province')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="city" label={t('newCustomer.city')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tier" label={t('newCustomer.tier')}>
          <Select options={CUSTOMER_TIERS.map((k) => ({ value: k, label: t(`common:enums.tier.${k}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="contactName" label={t('fields.contactName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="contactPhone" label={t('fields.contactPhone')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="contactEmail" label={t('fields.contactEmail')} rules={[{ type: 'email', message: t('rules.email') }]}>
              <Input maxLength={254} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
