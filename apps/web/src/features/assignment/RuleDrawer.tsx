import {
  ASSIGNMENT_STRATEGIES,
  AssignmentRuleBody,
  type AssignmentRuleView,
  CASE_TYPES,
  CAUSE_CATEGORIES,
  REGIONS,
} from '@closeloop/domain';
import { App, Button, Col, Divider, Drawer, Flex, Form, Input, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import { useApiProblem } from '../../ui/useApiProblem.ts';
import { departmentName, useDepartments, useUsers } from '../admin/api.ts';
import { useSaveAssignmentRule } from './api.ts';
import { CustomerMultiSelect } from './CustomerMultiSelect.tsx';

type Conditions = AssignmentRuleView['conditions'];
interface Values {
  name: string;
  isActive: boolean;
  conditions: { [K in keyof Conditions]-?: NonNullable<Conditions[K]> };
  departmentId?: string | null;
  strategy: AssignmentRuleView['strategy'];
  userIds: string[];
}
const FIELDS = ['name', 'isActive', 'conditions', 'departmentId', 'strategy', 'userIds'];

export function toRuleBody(v: Values): z.input<typeof AssignmentRuleBody> {
  const conditions = Object.fromEntries(
    Object.entries(v.conditions)
      .map(([k, list]) => [k, [...new Set((list as string[]).map((x) => x.trim()).filter(Boolean))]] as const)
      .filter(([, list]) => list.length > 0),
  );
  return {
    name: v.name.trim(),
    isActive: v.isActive,
    conditions,
    departmentId: v.departmentId ?? null,
    strategy: v.strategy,
    userIds: v.userIds,
  };
}

/** 新建 / 编辑分派规则: which new cases it takes, the department they go to and who among its people gets them. */
export function RuleDrawer({ rule, onClose }: { rule: AssignmentRuleView | null; onClose: () => void }) {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const [form] = Form.useForm<Values>();
  const save = useSaveAssignmentRule();
  const users = useUsers();
  const departments = useDepartments();
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const departmentId = Form.useWatch('departmentId', form);
  const c = rule?.conditions ?? {};

  const initial: Values = {
    name: rule?.name ?? '',
    isActive: rule?.isActive ?? true,
    conditions: {
      types: c.types ?? [],
      causeCategories: c.causeCategories ?? [],
      productLines: c.productLines ?? [],
      regions: c.regions ?? [],
      customerIds: c.customerIds ?? [],
    },
    departmentId: rule?.departmentId ?? null,
    strategy: rule?.strategy ?? 'fixed',
    userIds: rule?.userIds ?? [],
  };

  const submit = async (v: Values) => {
    const body = toRuleBody(v);
    const parsed = AssignmentRuleBody.safeParse(body);
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((i) => ({
          name: i.path.slice(0, 2).map((p) => (typeof p === 'number' ? p : String(p))),
          errors: [i.path[0] === 'departmentId' ? t('rules.targetRequired') : i.message],
        })) as Parameters<typeof form.setFields>[0],
      );
      return;
    }
    try {
      const saved = await save.mutateAsync(rule ? { id: rule.id, body: { ...body, version: rule.version } } : { body });
      void message.success(t('rules.saved', { name: saved.name }));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'version_conflict') {
        void message.warning(t('conflict'), 6);
        onClose();
        return;
      }
      report(err, form, FIELDS);
    }
  };

  // People of the chosen department first; everyone stays choosable.
  const people = (users.data ?? [])
    .filter((u) => u.isActive || initial.userIds.includes(u.id))
    .sort((a, b) => Number(b.departmentId === departmentId) - Number(a.departmentId === departmentId));

  return (
    <Drawer
      open
      size={720}
      title={rule ? t('rules.editTitle', { name: rule.name }) : t('rules.createTitle')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" onClick={() => form.submit()} loading={save.isPending}>
            {t('common:actions.save')}
          </Button>
        </Flex>
      }
    >
      <Form<Values> form={form} name="assignment-rule" layout="vertical" initialValues={initial} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('rules.name')} rules={[{ required: true, whitespace: true, message: t('rules.nameRequired') }]}>
              <Input maxLength={100} placeholder={t('rules.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="isActive" label={t('policies.isActive')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('policies.conditions')}
        </Divider>
        <Typography.Paragraph type="secondary">{t('rules.conditionsHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['conditions', 'types']} label={t('policies.types')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('policies.any')}
                options={CASE_TYPES.map((v) => ({ value: v, label: t(`common:enums.caseType.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['conditions', 'causeCategories']} label={t('rules.causeCategories')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('policies.any')}
                showSearch={{ optionFilterProp: 'label' }}
                options={CAUSE_CATEGORIES.map((v) => ({ value: v, label: t(`common:enums.causeCategory.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['conditions', 'regions']} label={t('policies.regions')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('policies.any')}
                options={REGIONS.map((v) => ({ value: v, label: t(`common:enums.region.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['conditions', 'productLines']} label={t('policies.productLines')} extra={t('policies.productLinesHint')}>
              <Select
                mode="tags"
                allowClear
                placeholder={t('policies.any')}
                open={false}
                suffixIcon={null}
                tokenSeparators={[',', '，', '、']}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name={['conditions', 'customerIds']} label={t('rules.customers')}>
              <CustomerMultiSelect />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('rules.assignTo')}
        </Divider>
        <Form.Item name="departmentId" label={t('rules.department')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isPending}
            placeholder={t('rules.noDepartment')}
            options={(departments.data ?? [])
              .filter((d) => d.isActive || d.id === initial.departmentId)
              .map((d) => ({ value: d.id, label: departmentName(d, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item name="strategy" label={t('rules.strategy')}>
          <Radio.Group aria-label={t('rules.strategy')}>
            <Space orientation="vertical">
              {ASSIGNMENT_STRATEGIES.map((s) => (
                <Radio key={s} value={s}>
                  {t(`common:enums.assignmentStrategy.${s}`)}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {t(`rules.strategyHint.${s}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="userIds" label={t('rules.people')} extra={t('rules.peopleHint')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={users.isPending}
            options={people.map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
