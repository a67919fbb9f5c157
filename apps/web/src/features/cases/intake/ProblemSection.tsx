import { CASE_TYPES, GRADES, RECURRENCES, SERVICE_KINDS, SEVERITIES } from '@closeloop/domain';
import { Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IntakeValues } from './values.ts';

/** Section 3: what happened. */
export function ProblemSection() {
  const { t } = useTranslation(['cases', 'common']);
  const form = Form.useFormInstance<IntakeValues>();
  const type = Form.useWatch('type', form);

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={type === 'service_request' ? 14 : 24}>
          <Form.Item name="type" label={t('fields.type')} rules={[{ required: true, message: t('rules.type') }]}>
            <Radio.Group
              optionType="button"
              aria-label={t('fields.type')}
              options={CASE_TYPES.map((v) => ({ value: v, label: t(`common:enums.caseType.${v}`) }))}
            />
          </Form.Item>
        </Col>
        {type === 'service_request' && (
          <Col xs={24} lg={10}>
            <Form.Item name="serviceKind" label={t('fields.serviceKind')} rules={[{ required: true, message: t('rules.serviceKind') }]}>
              <Radio.Group
                optionType="button"
                aria-label={t('fields.serviceKind')}
                options={SERVICE_KINDS.map((v) => ({ value: v, label: t(`common:enums.serviceKind.${v}`) }))}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, whitespace: true, message: t('rules.title') }]}>
        <Input maxLength={200} showCount placeholder={t('intake.titlePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('fields.description')}
        rules={[{ required: type === 'complaint' || type === 'return', whitespace: true, message: t('rules.description') }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} placeholder={t('intake.descriptionPlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="occurredAt" label={t('fields.occurredAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="occurredPlace" label={t('fields.occurredPlace')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="recurrence" label={t('fields.recurrence')}>
            <Select options={RECURRENCES.map((v) => ({ value: v, label: t(`common:enums.recurrence.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="environment" label={t('fields.environment')}>
            <Input maxLength={2000} placeholder={t('intake.environmentPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="severity" label={t('fields.severity')}>
            <Select
              allowClear
              placeholder={t('intake.assessLater')}
              options={SEVERITIES.map((v) => ({ value: v, label: t(`common:enums.severity.${v}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="grade" label={t('fields.grade')}>
            <Select
              allowClear
              placeholder={t('intake.assessLater')}
              options={GRADES.map((v) => ({ value: v, label: t(`common:enums.grade.${v}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="customerActions" label={t('fields.customerActions')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
      </Form.Item>
    </>
  );
}
