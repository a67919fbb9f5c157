import { LoadingOutlined } from '@ant-design/icons';
import { Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../ui/useDebounced.ts';
import { WarrantyTag } from '../detail/WarrantyTag.tsx';
import { useUnitBySerial } from './lookups.ts';
import { ProductSelect } from './RemoteSelects.tsx';
import type { IntakeValues } from './values.ts';

const col = { xs: 24, md: 12, xl: 6 };

/** Section 2: product or installed unit; a known serial number fills model, batch, customer and warranty. */
export function ProductSection() {
  const { t } = useTranslation('cases');
  const form = Form.useFormInstance<IntakeValues>();
  const [serial, setSerial] = useState('');
  const lookup = useUnitBySerial(useDebounced(serial, 400));
  const unit = lookup.data && lookup.data.serial.toUpperCase() === serial.trim().toUpperCase() ? lookup.data : null;
  const undetermined = Form.useWatch('quantityDefectiveUndetermined', form);

  useEffect(() => {
    if (!unit) {
      if (form.getFieldValue('unitId')) form.setFieldsValue({ unitId: undefined });
      return;
    }
    const v = form.getFieldsValue(['customerId', 'batchNo']);
    form.setFieldsValue({
      unitId: unit.id,
      productId: unit.productId,
      batchNo: v.batchNo?.trim() ? v.batchNo : (unit.batch ?? undefined),
      ...(v.customerId || !unit.customerId ? {} : { customerId: unit.customerId }),
    });
  }, [unit, form]);

  const notFound = serial.trim().length >= 3 && lookup.isSuccess && lookup.data === null && !lookup.isFetching;

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name="serialNo"
            label={t('fields.serialNo')}
            extra={notFound ? <Typography.Text type="warning">{t('intake.serialUnknown')}</Typography.Text> : undefined}
          >
            <Input
              maxLength={100}
              placeholder={t('intake.serialPlaceholder')}
              onChange={(e) => setSerial(e.target.value)}
              suffix={lookup.isFetching ? <LoadingOutlined aria-label={t('states.searching')} /> : <span />}
              autoComplete="off"
            />
          </Form.Item>
          <Form.Item name="unitId" hidden>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={16}>
          <Form.Item name="productId" label={t('fields.productId')}>
            <ProductSelect allowClear placeholder={t('intake.productPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      {unit && (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, xl: 4 }}
          style={{ marginBottom: 16 }}
          aria-label={t('intake.unitFound')}
          items={[
            { key: 'model', label: t('unit.model'), children: unit.productModel },
            { key: 'batch', label: t('fields.batchNo'), children: unit.batch ?? '—' },
            { key: 'ship', label: t('unit.shipDate'), children: unit.shipDate ?? '—' },
            {
              key: 'warranty',
              label: t('unit.warranty'),
              children: <WarrantyTag warrantyEnd={unit.warrantyEnd} under={unit.isUnderWarranty} />,
            },
            ...(unit.customerName ? [{ key: 'owner', label: t('unit.customer'), children: unit.customerName }] : []),
            ...(unit.installDate ? [{ key: 'install', label: t('unit.installDate'), children: unit.installDate }] : []),
          ]}
        />
      )}
      <Row gutter={16}>
        <Col {...col}>
          <Form.Item name="batchNo" label={t('fields.batchNo')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="orderNo" label={t('fields.orderNo')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="partNo" label={t('fields.partNo')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="deliveryDate" label={t('fields.deliveryDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="purchaseDate" label={t('fields.purchaseDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="purchaseChannel" label={t('fields.purchaseChannel')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="quantityDelivered" label={t('fields.quantityDelivered')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="quantityDefective"
            label={t('fields.quantityDefective')}
            dependencies={['quantityDelivered', 'quantityDefectiveUndetermined']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: number | null | undefined) => {
                  const delivered = getFieldValue('quantityDelivered') as number | null | undefined;
                  if (typeof v === 'number' && typeof delivered === 'number' && v > delivered) {
                    return Promise.reject(new Error(t('rules.defectiveExceeds')));
                  }
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <InputNumber min={0} precision={0} style={{ width: '100%' }} disabled={Boolean(undetermined)} />
          </Form.Item>
          <Form.Item name="quantityDefectiveUndetermined" valuePropName="checked" style={{ marginTop: -16 }}>
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
    </>
  );
}
