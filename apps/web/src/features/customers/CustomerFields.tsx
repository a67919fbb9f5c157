import { CUSTOMER_KINDS, CUSTOMER_TIERS } from '@closeloop/domain';
import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** Top-level field names, for placing the server's field errors. */
export const CUSTOMER_FIELDS = ['kind', 'name', 'nameEn', 'country', 'province', 'city', 'address', 'tier', 'notes', 'contacts'] as const;

export interface CustomerFormValues {
  kind: (typeof CUSTOMER_KINDS)[number];
  name: string;
  nameEn?: string;
  country: string;
  province?: string;
  city?: string;
  address?: string;
  tier: (typeof CUSTOMER_TIERS)[number];
  notes?: string;
}

/** The customer's own fields, shared by the create and edit forms. */
export function CustomerFields() {
  const { t } = useTranslation(['customers', 'common']);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="kind" label={t('fields.kind')}>
          <Radio.Group
            optionType="button"
            options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`common:enums.customerKind.${k}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="tier" label={t('fields.tier')}>
          <Select options={CUSTOMER_TIERS.map((k) => ({ value: k, label: t(`common:enums.tier.${k}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.nameRequired') }]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="nameEn" label={t('fields.nameEn')} tooltip={t('hints.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="country"
          label={t('fields.country')}
          tooltip={t('hints.country')}
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            { required: true, whitespace: true, message: t('validation.countryRequired') },
            { pattern: /^\s*[A-Za-z]{2}\s*$/, message: t('validation.countryInvalid') },
          ]}
        >
          <Input maxLength={2} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="province" label={t('fields.province')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="city" label={t('fields.city')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="address" label={t('fields.address')}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="notes" label={t('fields.notes')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Empty text becomes `undefined` (create) so optional fields are left out. */
export const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
/** Empty text becomes `null` (edit) so a cleared field is cleared on the server. */
export const blankToNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);
