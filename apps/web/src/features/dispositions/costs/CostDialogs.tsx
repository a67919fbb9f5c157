import {
  COST_BEARERS,
  COST_CATEGORIES,
  type CostBody,
  type CostView,
  type DispositionView,
  type ResponsibilityParty,
} from '@closeloop/domain';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { placeFieldErrors } from '../../../ui/useApiProblem.ts';
import { departmentName, useDepartments } from '../../admin/api.ts';
import { useAddCost, useRecordRecovery } from '../api.ts';
import { dispositionProblem, useMoney } from '../format.tsx';

type Bearer = (typeof COST_BEARERS)[number];
interface CostValues {
  category: (typeof COST_CATEGORIES)[number];
  amount: number | null;
  description?: string;
  dispositionId?: string | null;
  bearer?: Bearer | null;
  departmentId?: string | null;
  externalParty?: string;
  incurredOn?: Dayjs | null;
}

/** Who bears a cost when nobody says otherwise: what the responsibility decision implies (the server decides the same way). */
export function defaultBearer(party: ResponsibilityParty | null | undefined): Bearer {
  return party === 'supplier' || party === 'carrier' || party === 'customer' ? party : 'department';
}

export function toCostBody(v: CostValues): z.input<typeof CostBody> {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  const bearer = v.bearer ?? undefined;
  return {
    category: v.category,
    amount: v.amount ?? 0,
    ...(text(v.description) ? { description: text(v.description) } : {}),
    ...(v.dispositionId ? { dispositionId: v.dispositionId } : {}),
    ...(bearer ? { bearer } : {}),
    ...(bearer === 'department' && v.departmentId ? { departmentId: v.departmentId } : {}),
    ...((bearer === 'supplier' || bearer === 'carrier') && text(v.externalParty) ? { externalParty: text(v.externalParty) } : {}),
    ...(v.incurredOn ? { incurredOn: v.incurredOn.format('YYYY-MM-DD') } : {}),
  };
}

/** 登记费用: category, amount, which disposition, who bears it (defaults from the responsibility decision). */
export function AddCostDialog({
  caseKey,
  dispositions,
  party,
  onClose,
}: {
  caseKey: string;
  dispositions: readonly DispositionView[];
  party: ResponsibilityParty | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['dispositions', 'cases', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<CostValues>();
  const add = useAddCost(caseKey);
  const departments = useDepartments();
  const bearer = Form.useWatch('bearer', form);
  const [problem, setProblem] = useState<string | null>(null);
  const implied = defaultBearer(party);

  const submit = async (v: CostValues) => {
    setProblem(null);
    try {
      await add.mutateAsync(toCostBody(v));
      message.success(t('costs.added'));
      onClose();
    } catch (e) {
      const { shown, rest } = placeFieldErrors(form, e);
      if (shown > 0 && rest.length === 0) return;
      setProblem(dispositionProblem(t, e));
    }
  };

  return (
    <Modal
      open
      title={t('costs.addTitle')}
      okText={t('costs.add')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<CostValues>
        form={form}
        name="add-cost"
        layout="vertical"
        initialValues={{ category: 'parts', amount: null, incurredOn: dayjs() }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('costs.category')} rules={[{ required: true }]}>
              <Select options={COST_CATEGORIES.map((c) => ({ value: c, label: t(`common:enums.costCategory.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="amount"
              label={t('costs.amount')}
              rules={[
                { required: true, message: t('costs.amountRequired') },
                { type: 'number', min: 0.01, message: t('costs.amountRequired') },
              ]}
            >
              <InputNumber min={0} max={100_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('costs.description')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="dispositionId" label={t('costs.disposition')}>
              <Select
                allowClear
                placeholder={t('costs.noDisposition')}
                options={dispositions.map((d) => ({ value: d.id, label: `${d.number} · ${t(`common:enums.dispositionKind.${d.kind}`)}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="incurredOn" label={t('costs.incurredOn')}>
              <DatePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="bearer" label={t('costs.bearer')} extra={t('costs.bearerHint')}>
              <Select
                allowClear
                placeholder={t('costs.bearerDefault', { bearer: t(`common:enums.costBearer.${implied}`) })}
                options={COST_BEARERS.map((b) => ({ value: b, label: t(`common:enums.costBearer.${b}`) }))}
              />
            </Form.Item>
          </Col>
          {bearer === 'department' && (
            <Col xs={24} sm={12}>
              <Form.Item name="departmentId" label={t('costs.department')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('costs.departmentDefault')}
                  options={(departments.data ?? [])
                    .filter((d) => d.isActive)
                    .map((d) => ({ value: d.id, label: departmentName(d, i18n.language) }))}
                />
              </Form.Item>
            </Col>
          )}
          {(bearer === 'supplier' || bearer === 'carrier') && (
            <Col xs={24} sm={12}>
              <Form.Item
                name="externalParty"
                label={t(bearer === 'supplier' ? 'costs.supplier' : 'costs.carrier')}
                rules={[{ required: bearer !== implied, whitespace: true, message: t('costs.externalPartyRequired') }]}
                extra={bearer === implied ? t('costs.externalPartyDefault') : undefined}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {problem && <Alert type="error" showIcon title={problem} />}
      </Form>
    </Modal>
  );
}

/** 索赔回收: how much of a cost the supplier, carrier or customer paid back. */
export function RecoveryDialog({ caseKey, cost, onClose }: { caseKey: string; cost: CostView; onClose: () => void }) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<{ amount: number | null }>();
  const recover = useRecordRecovery(caseKey);

  const submit = async (v: { amount: number | null }) => {
    try {
      await recover.mutateAsync({ costId: cost.id, amount: v.amount ?? 0 });
      message.success(t('costs.recoveryRecorded'));
      onClose();
    } catch (e) {
      const { shown } = placeFieldErrors(form, e);
      if (!shown) message.error(dispositionProblem(t, e));
    }
  };

  return (
    <Modal
      open
      title={t('costs.recoveryTitle')}
      okText={t('common:actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={recover.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('costs.recoveryIntro', {
          party: cost.externalParty ?? t(`common:enums.costBearer.${cost.bearer}`),
          amount: money(cost.amount),
        })}
      </Typography.Paragraph>
      <Form
        form={form}
        name="cost-recovery"
        layout="vertical"
        initialValues={{ amount: cost.recoveredAmount || cost.amount }}
        onFinish={submit}
      >
        <Form.Item
          name="amount"
          label={t('costs.recovered')}
          rules={[{ required: true, message: t('costs.amountRequired') }]}
          extra={t('costs.recoveryHint')}
        >
          <InputNumber min={0} max={cost.amount} precision={2} prefix="¥" style={{ width: '100%' }} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
