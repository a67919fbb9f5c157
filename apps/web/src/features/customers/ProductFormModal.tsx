import type { ProductView } from '@closeloop/domain';
import { App, AutoComplete, Checkbox, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { useProductCategories, useSaveProduct } from './api.ts';

interface Values {
  model: string;
  name: string;
  nameEn?: string;
  category: string;
  productLine?: string;
  warrantyMonths: number;
  isActive?: boolean;
}
const FIELDS = ['model', 'name', 'nameEn', 'category', 'productLine', 'warrantyMonths', 'isActive'];

/** 新建产品 / 编辑产品 (with the version it was opened with; a conflict closes and reloads). */
export function ProductFormModal({ product, open, onClose }: { product: ProductView | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation(['customers', 'common']);
  const [form] = Form.useForm<Values>();
  const save = useSaveProduct();
  const categories = useProductCategories();
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const opt = (v?: string) => v?.trim() || undefined;

  const submit = async (v: Values) => {
    try {
      if (product) {
        await save.mutateAsync({
          id: product.id,
          body: {
            version: product.version,
            name: v.name.trim(),
            nameEn: opt(v.nameEn) ?? null,
            category: v.category.trim(),
            productLine: opt(v.productLine) ?? null,
            warrantyMonths: v.warrantyMonths,
            isActive: Boolean(v.isActive),
          },
        });
        void message.success(t('products.saved'));
      } else {
        const created = await save.mutateAsync({
          body: {
            model: v.model.trim(),
            name: v.name.trim(),
            nameEn: opt(v.nameEn),
            category: v.category.trim(),
            productLine: opt(v.productLine),
            warrantyMonths: v.warrantyMonths,
          },
        });
        void message.success(t('products.created', { model: created.model }));
      }
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'version_conflict') {
        void message.warning(t('products.conflict'), 6);
        onClose();
        return;
      }
      report(err, form, FIELDS);
    }
  };

  const initial: Partial<Values> = product
    ? {
        model: product.model,
        name: product.name,
        nameEn: product.nameEn ?? undefined,
        category: product.category,
        productLine: product.productLine ?? undefined,
        warrantyMonths: product.warrantyMonths,
        isActive: product.isActive,
      }
    : { warrantyMonths: 12 };

  return (
    <Modal
      open={open}
      title={product ? t('products.editTitle', { model: product.model }) : t('products.createTitle')}
      width={640}
      onCancel={onClose}
      okText={t('common:actions.save')}
      okButtonProps={{ htmlType: 'submit', form: 'product-form', loading: save.isPending }}
      destroyOnHidden
    >
      <Form<Values> id="product-form" form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="model"
              label={t('products.model')}
              extra={product ? t('products.modelReadonly') : undefined}
              rules={[{ required: true, whitespace: true, message: t('products.modelRequired') }]}
            >
              <Input maxLength={100} disabled={Boolean(product)} autoFocus={!product} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('products.name')}
              rules={[{ required: true, whitespace: true, message: t('products.nameRequired') }]}
            >
              <Input maxLength={200} autoFocus={Boolean(product)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('products.nameEn')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="category"
              label={t('products.category')}
              rules={[{ required: true, whitespace: true, message: t('products.categoryRequired') }]}
            >
              <AutoComplete
                maxLength={100}
                options={(categories.data ?? []).map((c) => ({ value: c }))}
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="productLine" label={t('products.productLine')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="warrantyMonths"
              label={t('products.warrantyMonths')}
              rules={[{ required: true, type: 'integer', min: 0, max: 240, message: t('products.warrantyRange') }]}
            >
              <InputNumber min={0} max={240} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {product && (
            <Col span={24}>
              <Form.Item name="isActive" valuePropName="checked">
                <Checkbox>{t('products.isActive')}</Checkbox>
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
