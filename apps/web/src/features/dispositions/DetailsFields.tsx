import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { COMPENSATION_FORMS, type DispositionKind, RETURNED_GOODS_DISPOSITIONS } from '@closeloop/domain';
import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Rate, Row, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../admin/api.ts';
import { type FactName, factLabelKey } from './details.ts';

const WHERE = ['on_site', 'factory', 'service_point'] as const;
const area = (min = 2, max = 8) => ({ autoSize: { minRows: min, maxRows: max } });
const money = { min: 0, max: 100_000_000, precision: 2, prefix: '¥', style: { width: '100%' } } as const;

/** Facts that need the whole width. */
const WIDE = new Set<FactName>(['text', 'workDone', 'inspection', 'parts', 'partsUsed', 'customerComment', 'note', 'reason', 'fault']);

/**
 * The form fields of a disposition's facts, under `details` (so the server's `details.receivedOn`
 * errors land on their field). `names` picks which facts, in order; `kind` the labels a kind gives them.
 */
export function DetailsFields({
  names,
  required = [],
  kind,
}: {
  names: readonly FactName[];
  required?: readonly FactName[];
  kind?: DispositionKind;
}) {
  const { t } = useTranslation(['dispositions', 'common']);
  const users = useUsers();
  const label = (n: FactName) => t(factLabelKey(n, kind) as 'fields.text');
  const rules = (n: FactName) => (required.includes(n) ? [{ required: true, message: t('rules.required', { field: label(n) }) }] : []);
  const enumOptions = <V extends string>(values: readonly V[], vocabulary: string) =>
    values.map((v) => ({ value: v, label: t(`common:enums.${vocabulary}.${v}` as 'common:enums.grade.general') }));

  const field = (n: FactName): ReactNode => {
    const name = ['details', n];
    switch (n) {
      case 'text':
      case 'workDone':
      case 'inspection':
        return (
          <Form.Item name={name} label={label(n)} rules={rules(n)}>
            <Input.TextArea {...area(3, 12)} maxLength={n === 'workDone' ? 20000 : 10000} />
          </Form.Item>
        );
      case 'fault':
      case 'reason':
      case 'note':
      case 'customerComment':
        return (
          <Form.Item name={name} label={label(n)} rules={rules(n)}>
            <Input.TextArea {...area()} maxLength={2000} />
          </Form.Item>
        );
      case 'where':
        return (
          <Form.Item name={name} label={label(n)}>
            <Radio.Group aria-label={label(n)} options={enumOptions(WHERE, 'repairWhere')} />
          </Form.Item>
        );
      case 'chargeable':
        return (
          <Form.Item name={name} label={label(n)} valuePropName="checked" extra={t('hints.chargeable')}>
            <Switch />
          </Form.Item>
        );
      case 'inspectionPassed':
        return (
          <Form.Item name={name} label={label(n)}>
            <Radio.Group
              aria-label={label(n)}
              options={[
                { value: true, label: t('inspection.passed') },
                { value: false, label: t('inspection.failed') },
              ]}
            />
          </Form.Item>
        );
      case 'quote':
      case 'value':
      case 'amount':
      case 'goodwillAmount':
        return (
          <Form.Item name={name} label={label(n)} rules={rules(n)}>
            <InputNumber {...money} />
          </Form.Item>
        );
      case 'quantity':
      case 'receivedQuantity':
        return (
          <Form.Item name={name} label={label(n)} rules={rules(n)}>
            <InputNumber min={n === 'quantity' ? 1 : 0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        );
      case 'labourHours':
      case 'travelHours':
        return (
          <Form.Item name={name} label={label(n)}>
            <InputNumber min={0} max={10000} step={0.5} precision={1} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
        );
      case 'paidOn':
      case 'receivedOn':
      case 'returnedOn':
      case 'shippedOn':
        return (
          <Form.Item name={name} label={label(n)} rules={rules(n)}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        );
      case 'plannedArrival':
      case 'arrivedAt':
      case 'departedAt':
        return (
          <Form.Item name={name} label={label(n)} rules={rules(n)}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        );
      case 'goodsDisposition':
        return (
          <Form.Item name={name} label={label(n)} rules={rules(n)}>
            <Select allowClear options={enumOptions(RETURNED_GOODS_DISPOSITIONS, 'goodsDisposition')} />
          </Form.Item>
        );
      case 'form':
        return (
          <Form.Item name={name} label={label(n)} rules={rules(n)}>
            <Select options={enumOptions(COMPENSATION_FORMS, 'compensationForm')} />
          </Form.Item>
        );
      case 'engineerIds':
        return (
          <Form.Item name={name} label={label(n)}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isPending}
              options={(users.data ?? []).filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
        );
      case 'satisfaction':
        return (
          <Form.Item name={name} label={label(n)}>
            <Rate aria-label={label(n)} />
          </Form.Item>
        );
      case 'parts':
      case 'partsUsed':
        return <PartsList name={n} required={required.includes(n)} />;
      default:
        return (
          <Form.Item name={name} label={label(n)} rules={rules(n)}>
            <Input maxLength={100} />
          </Form.Item>
        );
    }
  };

  return (
    <Row gutter={16}>
      {names.map((n) => (
        <Col key={n} xs={24} sm={WIDE.has(n) ? 24 : 12}>
          {field(n)}
        </Col>
      ))}
    </Row>
  );
}

/** Rows of parts (part number, name, quantity; serials out and in for parts used on site). */
export function PartsList({ name, required }: { name: 'parts' | 'partsUsed'; required?: boolean }) {
  const { t } = useTranslation(['dispositions', 'common']);
  const serials = name === 'partsUsed';
  return (
    <Form.Item label={t(`fields.${name}`)} required={required}>
      <Form.List
        name={['details', name]}
        rules={
          required
            ? [
                {
                  validator: async (_, rows: unknown[] | undefined) => {
                    if (!rows?.length) throw new Error(t('rules.partsRequired'));
                  },
                },
              ]
            : []
        }
      >
        {(rows, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {rows.map((row, i) => (
              <Flex key={row.key} gap={8} wrap align="start" data-testid={`${name}-row`}>
                <Form.Item
                  name={[row.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('rules.partName') }]}
                  style={{ flex: '2 1 140px', marginBottom: 0 }}
                >
                  <Input placeholder={t('parts.name')} aria-label={t('parts.nameOf', { n: i + 1 })} maxLength={200} />
                </Form.Item>
                <Form.Item name={[row.name, 'partNo']} style={{ flex: '1 1 100px', marginBottom: 0 }}>
                  <Input placeholder={t('parts.partNo')} aria-label={t('parts.partNoOf', { n: i + 1 })} maxLength={100} />
                </Form.Item>
                <Form.Item name={[row.name, 'quantity']} style={{ flex: '0 0 80px', marginBottom: 0 }}>
                  <InputNumber
                    min={1}
                    max={100000}
                    precision={0}
                    aria-label={t('parts.quantityOf', { n: i + 1 })}
                    style={{ width: '100%' }}
                    inputMode="numeric"
                  />
                </Form.Item>
                {serials && (
                  <>
                    <Form.Item name={[row.name, 'serialOut']} style={{ flex: '1 1 110px', marginBottom: 0 }}>
                      <Input placeholder={t('parts.serialOut')} aria-label={t('parts.serialOutOf', { n: i + 1 })} maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'serialIn']} style={{ flex: '1 1 110px', marginBottom: 0 }}>
                      <Input placeholder={t('parts.serialIn')} aria-label={t('parts.serialInOf', { n: i + 1 })} maxLength={100} />
                    </Form.Item>
                  </>
                )}
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('parts.remove', { n: i + 1 })}
                  onClick={() => remove(row.name)}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ alignSelf: 'flex-start' }}>
              {t('parts.add')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
