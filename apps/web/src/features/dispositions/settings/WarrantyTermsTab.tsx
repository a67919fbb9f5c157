import { type CategoryTerms, CONSUMER_GOODS_TERMS, type WarrantyTermsView } from '@closeloop/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Menu,
  Row,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useProductCategories } from '../../customers/api.ts';
import { useSaveWarrantyTerms, useWarrantyTerms } from '../api.ts';

/** The consumer-goods defaults (《部分商品修理更换退货责任规定》), shown as placeholders: an empty field keeps them. */
const DEFAULTS = CONSUMER_GOODS_TERMS(12);

type Flag = 'default' | 'yes' | 'no';
interface Values {
  returnDays?: number | null;
  exchangeDays?: number | null;
  sameFaultRepairsBeforeExchange?: number | null;
  repairDaysForExchange?: number | null;
  noRepairDaysRule?: boolean;
  extendByRepairTime: Flag;
  refundAfterReturnWindow: Flag;
  /** Percent per day (0.1 = 0.1 %), stored as a fraction. */
  depreciationPercentPerDay?: number | null;
  depreciationCapPercent?: number | null;
  label?: string;
}

const flagOf = (b: boolean | undefined): Flag => (b === undefined ? 'default' : b ? 'yes' : 'no');
const percent = (fraction: number | undefined) => (fraction === undefined ? null : Number((fraction * 100).toPrecision(10)));

export function toValues(terms: CategoryTerms): Values {
  return {
    returnDays: terms.returnDays ?? null,
    exchangeDays: terms.exchangeDays ?? null,
    sameFaultRepairsBeforeExchange: terms.sameFaultRepairsBeforeExchange ?? null,
    repairDaysForExchange: terms.repairDaysForExchange ?? null,
    noRepairDaysRule: terms.repairDaysForExchange === null,
    extendByRepairTime: flagOf(terms.extendByRepairTime),
    refundAfterReturnWindow: flagOf(terms.refundAfterReturnWindow),
    depreciationPercentPerDay: percent(terms.depreciationPerDay),
    depreciationCapPercent: percent(terms.depreciationCap),
    label: terms.label ?? '',
  };
}

/** Only the fields set: the rest keep the consumer-goods defaults. */
export function toTerms(v: Values): CategoryTerms {
  const num = (n: number | null | undefined) => (n === null || n === undefined ? undefined : n);
  const flag = (f: Flag) => (f === 'default' ? undefined : f === 'yes');
  const out: CategoryTerms = {};
  const set = <K extends keyof CategoryTerms>(k: K, value: CategoryTerms[K] | undefined) => {
    if (value !== undefined) out[k] = value;
  };
  set('returnDays', num(v.returnDays));
  set('exchangeDays', num(v.exchangeDays));
  set('sameFaultRepairsBeforeExchange', num(v.sameFaultRepairsBeforeExchange));
  set('repairDaysForExchange', v.noRepairDaysRule ? null : num(v.repairDaysForExchange));
  set('extendByRepairTime', flag(v.extendByRepairTime));
  set('refundAfterReturnWindow', flag(v.refundAfterReturnWindow));
  const perDay = num(v.depreciationPercentPerDay);
  set('depreciationPerDay', perDay === undefined ? undefined : Number((perDay / 100).toPrecision(10)));
  const cap = num(v.depreciationCapPercent);
  set('depreciationCap', cap === undefined ? undefined : Number((cap / 100).toPrecision(10)));
  if (v.label?.trim()) out.label = v.label.trim();
  return out;
}

/**
 * 三包条款: per product category, how its warranty differs from the consumer-goods rules (no return
 * window for industrial equipment, a different depreciation …). Empty fields keep the defaults.
 */
export function WarrantyTermsTab() {
  const { t } = useTranslation(['dispositions', 'common']);
  const { message } = App.useApp();
  const { describe, report } = useApiProblem();
  const terms = useWarrantyTerms();
  const categories = useProductCategories();
  const save = useSaveWarrantyTerms();
  const [form] = Form.useForm<Values>();
  const [category, setCategory] = useState<string>('');
  const [typed, setTyped] = useState('');
  const noRule = Form.useWatch('noRepairDaysRule', form);
  const current: WarrantyTermsView | undefined = terms.data?.find((x) => x.category === category);

  const all = useMemo(
    () =>
      [...new Set([...(categories.data ?? []), ...(terms.data ?? []).map((x) => x.category)])].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [categories.data, terms.data],
  );

  useEffect(() => {
    if (!category && all[0]) setCategory(all[0]);
  }, [all, category]);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toValues(current?.terms ?? {}));
  }, [current, form]);

  const submit = async (v: Values) => {
    try {
      await save.mutateAsync({ category, body: { terms: toTerms(v), ...(current ? { version: current.version } : {}) } });
      void message.success(t('terms.saved', { category }));
    } catch (e) {
      report(e, form, []);
    }
  };

  if (terms.isPending) return <Skeleton active />;
  if (terms.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={describe(terms.error)}
        action={<Button onClick={() => void terms.refetch()}>{t('common:states.retry')}</Button>}
      />
    );

  const flagOptions = (dflt: boolean) => [
    { value: 'default', label: t('terms.default', { value: dflt ? t('common:states.yes') : t('common:states.no') }) },
    { value: 'yes', label: t('common:states.yes') },
    { value: 'no', label: t('common:states.no') },
  ];
  const days = (n: number) => t('terms.daysPlaceholder', { n });

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary" style={{ maxWidth: 760 }}>
        {t('terms.intro')}
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('terms.categories')}>
            <Input.Search
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder={t('terms.newCategory')}
              enterButton={t('terms.addCategory')}
              aria-label={t('terms.newCategory')}
              maxLength={100}
              style={{ marginBottom: 8 }}
              onSearch={(v) => {
                if (v.trim()) setCategory(v.trim());
                setTyped('');
              }}
            />
            {all.length === 0 && !category ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('terms.noCategories')} />
            ) : (
              <Menu
                mode="inline"
                selectedKeys={[category]}
                onClick={({ key }) => setCategory(key)}
                style={{ borderInlineEnd: 'none' }}
                items={(category && !all.includes(category) ? [category, ...all] : all).map((name) => {
                  const custom = terms.data?.some((x) => x.category === name);
                  return {
                    key: name,
                    label: (
                      <Flex justify="space-between" align="center" gap={8}>
                        <span>{name}</span>
                        <Tag color={custom ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                          {custom ? t('terms.custom') : t('terms.defaults')}
                        </Tag>
                      </Flex>
                    ),
                  };
                })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {category ? (
            <Card size="small" title={t('terms.for', { category })}>
              <Form<Values>
                form={form}
                name="warranty-terms"
                layout="vertical"
                initialValues={toValues(current?.terms ?? {})}
                onFinish={submit}
              >
                <Row gutter={16}>
                  <Col xs={24} sm={12}>
                    <Form.Item name="returnDays" label={t('terms.returnDays')} extra={t('terms.returnDaysHint')}>
                      <InputNumber min={0} max={365} precision={0} placeholder={days(DEFAULTS.returnDays)} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="exchangeDays" label={t('terms.exchangeDays')} extra={t('terms.exchangeDaysHint')}>
                      <InputNumber min={0} max={365} precision={0} placeholder={days(DEFAULTS.exchangeDays)} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="sameFaultRepairsBeforeExchange"
                      label={t('terms.sameFaultRepairs')}
                      extra={t('terms.sameFaultRepairsHint')}
                    >
                      <InputNumber
                        min={1}
                        max={20}
                        precision={0}
                        placeholder={t('terms.timesPlaceholder', { n: DEFAULTS.sameFaultRepairsBeforeExchange })}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item label={t('terms.repairDaysForExchange')} extra={t('terms.repairDaysHint')}>
                      <Flex gap={8} align="center">
                        <Form.Item name="repairDaysForExchange" noStyle>
                          <InputNumber
                            min={1}
                            max={365}
                            precision={0}
                            disabled={noRule}
                            aria-label={t('terms.repairDaysForExchange')}
                            placeholder={days(DEFAULTS.repairDaysForExchange ?? 30)}
                            style={{ width: '100%' }}
                          />
                        </Form.Item>
                        <Form.Item name="noRepairDaysRule" valuePropName="checked" noStyle>
                          <Checkbox style={{ whiteSpace: 'nowrap' }}>{t('terms.noRule')}</Checkbox>
                        </Form.Item>
                      </Flex>
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="extendByRepairTime" label={t('terms.extendByRepairTime')}>
                      <Select options={flagOptions(DEFAULTS.extendByRepairTime)} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="refundAfterReturnWindow" label={t('terms.refundAfterReturnWindow')}>
                      <Select options={flagOptions(DEFAULTS.refundAfterReturnWindow)} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="depreciationPercentPerDay" label={t('terms.depreciationPerDay')} extra={t('terms.depreciationHint')}>
                      <InputNumber
                        min={0}
                        max={100}
                        step={0.05}
                        suffix="%"
                        placeholder={String(percent(DEFAULTS.depreciationPerDay))}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="depreciationCapPercent" label={t('terms.depreciationCap')}>
                      <InputNumber
                        min={0}
                        max={100}
                        suffix="%"
                        placeholder={String(percent(DEFAULTS.depreciationCap))}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name="label" label={t('terms.label')} extra={t('terms.labelHint')}>
                      <Input maxLength={200} placeholder={t('terms.labelPlaceholder')} />
                    </Form.Item>
                  </Col>
                </Row>
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit" loading={save.isPending}>
                    {t('common:actions.save')}
                  </Button>
                  <Button onClick={() => form.setFieldsValue(toValues({}))}>{t('terms.backToDefaults')}</Button>
                </Flex>
              </Form>
            </Card>
          ) : (
            <Empty description={t('terms.pick')} />
          )}
        </Col>
      </Row>
    </Flex>
  );
}
