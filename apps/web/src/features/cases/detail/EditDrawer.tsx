import {
  CAUSE_CATEGORIES,
  type CaseView,
  CHANNELS,
  CUSTOMER_DEMANDS,
  GRADES,
  PRIORITIES,
  RECURRENCES,
  ROOT_CAUSES_6M,
  SERVICE_KINDS,
  SEVERITIES,
  VALIDITIES,
} from '@closeloop/domain';
import { App, Button, Checkbox, Col, DatePicker, Divider, Drawer, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { changedFields, type EditValues, toEditValues } from './edit.ts';
import type { useSaveCase } from './useSaveCase.tsx';

type Saver = ReturnType<typeof useSaveCase>;

/** 编辑: the main fields in a drawer; PATCHes only what changed, with the version it loaded. */
export function EditDrawer({ base, saver, onClose }: { base: CaseView; saver: Saver; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'common']);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const [form] = Form.useForm<EditValues>();
  const undetermined = Form.useWatch('quantityDefectiveUndetermined', form);
  const override = Form.useWatch('priorityOverride', form);
  const enumOptions = <V extends string>(values: readonly V[], vocabulary: string) =>
    values.map((v) => ({ value: v, label: t(`common:enums.${vocabulary}.${v}` as 'common:enums.grade.general') }));

  const submit = async (values: EditValues) => {
    const patch = changedFields(base, values);
    if (Object.keys(patch).length === 0) {
      message.info(t('edit.nothingChanged'));
      onClose();
      return;
    }
    try {
      if (await saver.save(base, patch, onClose)) message.success(t('edit.saved'));
    } catch (e) {
      report(e, form);
    }
  };

  const col = { xs: 24, sm: 12 };
  return (
    <Drawer
      open
      size={720}
      title={t('edit.title', { number: base.number })}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" onClick={() => form.submit()} loading={saver.saving}>
            {t('common:actions.save')}
          </Button>
        </Flex>
      }
    >
      <Form<EditValues>
        form={form}
        name="editCase"
        layout="vertical"
        initialValues={toEditValues(base)}
        onFinish={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            form.submit();
          } else if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
        }}
      >
        <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, whitespace: true, message: t('rules.title') }]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="description" label={t('fields.description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} />
        </Form.Item>
        <Row gutter={16}>
          {base.type === 'service_request' && (
            <Col {...col}>
              <Form.Item name="serviceKind" label={t('fields.serviceKind')}>
                <Select allowClear options={enumOptions(SERVICE_KINDS, 'serviceKind')} />
              </Form.Item>
            </Col>
          )}
          <Col {...col}>
            <Form.Item name="severity" label={t('fields.severity')}>
              <Select allowClear options={enumOptions(SEVERITIES, 'severity')} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="grade" label={t('fields.grade')}>
              <Select allowClear options={enumOptions(GRADES, 'grade')} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="validity" label={t('fields.validity')}>
              <Select options={enumOptions(VALIDITIES, 'validity')} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="causeCategory" label={t('fields.causeCategory')}>
              <Select allowClear options={enumOptions(CAUSE_CATEGORIES, 'causeCategory')} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="rootCause6m" label={t('fields.rootCause6m')}>
              <Select allowClear options={enumOptions(ROOT_CAUSES_6M, 'rootCause6m')} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="isQualityRelated" label={t('fields.isQualityRelated')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="visitRequired" label={t('fields.visitRequired')} valuePropName="checked" extra={t('edit.visitRequiredHint')}>
              <Switch />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="priorityOverride" label={t('fields.priorityOverride')}>
              <Select
                allowClear
                placeholder={t('edit.derived', { priority: base.derivedPriority })}
                options={enumOptions(PRIORITIES, 'priority')}
              />
            </Form.Item>
          </Col>
          {override && (
            <Col {...col}>
              <Form.Item
                name="priorityOverrideReason"
                label={t('fields.priorityOverrideReason')}
                rules={[{ required: true, whitespace: true, message: t('rules.overrideReason') }]}
              >
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="tags" label={t('fields.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} placeholder={t('edit.tagsHint')} />
        </Form.Item>
        <Form.Item name="customerDemands" label={t('fields.customerDemands')}>
          <Checkbox.Group aria-label={t('fields.customerDemands')} options={enumOptions(CUSTOMER_DEMANDS, 'customerDemand')} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('details.groups.problem')}
        </Divider>
        <Row gutter={16}>
          <Col {...col}>
            <Form.Item name="occurredAt" label={t('fields.occurredAt')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="occurredPlace" label={t('fields.occurredPlace')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="environment" label={t('fields.environment')}>
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="recurrence" label={t('fields.recurrence')}>
              <Select options={enumOptions(RECURRENCES, 'recurrence')} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="channel" label={t('fields.channel')}>
              <Select options={enumOptions(CHANNELS, 'channel')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="customerActions" label={t('fields.customerActions')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('details.groups.contactProduct')}
        </Divider>
        <Row gutter={16}>
          {(['contactName', 'contactPhone', 'contactEmail', 'orderNo', 'partNo', 'batchNo'] as const).map((f) => (
            <Col {...col} key={f}>
              <Form.Item
                name={f}
                label={t(`fields.${f}`)}
                rules={f === 'contactEmail' ? [{ type: 'email', message: t('rules.email') }] : []}
              >
                <Input maxLength={f === 'contactEmail' ? 254 : 100} />
              </Form.Item>
            </Col>
          ))}
          <Col {...col}>
            <Form.Item name="deliveryDate" label={t('fields.deliveryDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="quantityDelivered" label={t('fields.quantityDelivered')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="quantityDefective" label={t('fields.quantityDefective')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} disabled={undetermined} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="quantityDefectiveUndetermined" valuePropName="checked" label=" ">
              <Checkbox
                onChange={(e) => {
                  if (e.target.checked) form.setFieldsValue({ quantityDefective: null });
                }}
              >
                {t('fields.quantityDefectiveUndetermined')}
              </Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
