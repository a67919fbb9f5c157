import { Alert, App, Col, DatePicker, Form, Input, Modal, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useCreateUnit } from './api.ts';
import { ProductSelect } from './ProductSelect.tsx';

interface Values {
  serial: string;
  productId: string;
  batch?: string;
  shipDate?: Dayjs | null;
  installDate?: Dayjs | null;
}
const FIELDS = ['serial', 'productId', 'batch', 'shipDate', 'installDate'];
const iso = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** 登记设备 for a customer; the server computes the warranty end. */
export function RegisterUnitModal({ customerId, open, onClose }: { customerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation(['customers', 'common']);
  const [form] = Form.useForm<Values>();
  const create = useCreateUnit();
  const { message } = App.useApp();
  const { report } = useApiProblem();

  const submit = async (v: Values) => {
    try {
      const unit = await create.mutateAsync({
        serial: v.serial.trim(),
        productId: v.productId,
        customerId,
        batch: v.batch?.trim() || undefined,
        shipDate: iso(v.shipDate),
        installDate: iso(v.installDate),
      });
      void message.success(t('units.success', { serial: unit.serial }));
      onClose();
    } catch (err) {
      report(err, form, FIELDS);
    }
  };

  return (
    <Modal
      open={open}
      title={t('units.registerTitle')}
      width={640}
      onCancel={onClose}
      okText={t('common:actions.save')}
      okButtonProps={{ htmlType: 'submit', form: 'unit-register', loading: create.isPending }}
      destroyOnHidden
    >
      <Form<Values> id="unit-register" form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="serial"
              label={t('units.serial')}
              rules={[{ required: true, whitespace: true, message: t('units.serialRequired') }]}
            >
              <Input maxLength={100} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="productId" label={t('units.product')} rules={[{ required: true, message: t('units.productRequired') }]}>
              <ProductSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="batch" label={t('units.batch')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="shipDate" label={t('units.shipDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="installDate"
              label={t('units.installDate')}
              dependencies={['shipDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value?: Dayjs | null) => {
                    const ship = getFieldValue('shipDate') as Dayjs | null | undefined;
                    return value && ship && value.isBefore(ship, 'day')
                      ? Promise.reject(new Error(t('units.installBeforeShip')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Alert type="info" showIcon title={t('units.warrantyHint')} />
      </Form>
    </Modal>
  );
}
