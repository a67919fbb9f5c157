import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CASE_STATUSES,
  CASE_TYPES,
  CLOCK_KINDS,
  CUSTOMER_TIERS,
  ESCALATION_RECIPIENTS,
  GRADES,
  REASSIGN_TARGETS,
  REGIONS,
  SEVERITIES,
  type SlaPolicyView,
  TARGET_UNITS,
} from '@closeloop/domain';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { useCalendars, useSaveSlaPolicy } from '../api.ts';
import { type PolicyValues, toBody, toValues, validate } from './form.ts';

const FIELDS = ['name', 'isActive', 'calendarId', 'warningPercent', 'pauseStatuses', 'conditions', 'anyOf', 'targets', 'escalation'];

/**
 * 新建 / 编辑时限策略: which cases it applies to, the four deadlines, the calendar they count on, the
 * statuses that pause them, the warning threshold and the escalation ladder. The body is checked with
 * the same schema the server uses before it is sent.
 */
export function PolicyDrawer({ policy, onClose }: { policy: SlaPolicyView | null; onClose: () => void }) {
  const { t } = useTranslation(['sla', 'common']);
  const [form] = Form.useForm<PolicyValues>();
  const calendars = useCalendars();
  const save = useSaveSlaPolicy();
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const [targetsError, setTargetsError] = useState<string | null>(null);
  const defaultCalendar = calendars.data?.find((c) => c.isDefault)?.id ?? calendars.data?.[0]?.id;
  // The calendars may arrive after the form opens: a new policy takes the default one.
  useEffect(() => {
    if (!policy && defaultCalendar && !form.getFieldValue('calendarId')) form.setFieldValue('calendarId', defaultCalendar);
  }, [policy, defaultCalendar, form]);
  const enumOptions = <K extends string>(values: readonly K[], label: (k: K) => string) =>
    values.map((v) => ({ value: v, label: label(v) }));
  const recipients = enumOptions(ESCALATION_RECIPIENTS, (r) => t(`common:enums.escalationRecipient.${r}`));
  const units = enumOptions(TARGET_UNITS, (u) => t(`common:enums.targetUnit.${u}`));

  const submit = async (v: PolicyValues) => {
    setTargetsError(null);
    const body = toBody(v);
    const checked = validate(body);
    if (!checked.ok) {
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      for (const issue of checked.issues) {
        if (issue.field === 'targets') setTargetsError(t('policies.targetsRequired'));
        else if (issue.field) {
          const key = issue.field.join('.');
          const message = key.startsWith('targets.') || key.endsWith('afterAmount') ? t('policies.amountInvalid') : issue.message;
          if (!fields.some((f) => f.name.join('.') === key)) fields.push({ name: issue.field, errors: [message] });
        }
      }
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    try {
      const saved = await save.mutateAsync(policy ? { id: policy.id, body: { ...body, version: policy.version } } : { body });
      void message.success(t('policies.saved', { name: saved.name }));
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

  /** The condition lists of one group: all must match (`conditions`), or at least one (`anyOf`). */
  const conditionFields = (group: 'conditions' | 'anyOf') => {
    const label = (field: string) => (group === 'anyOf' ? t('policies.anyOfField', { field }) : field);
    const multi = (name: keyof PolicyValues['conditions'], text: string, options: { value: string; label: string }[]) => (
      <Col xs={24} md={12}>
        <Form.Item name={[group, name]} label={label(text)}>
          <Select mode="multiple" allowClear options={options} placeholder={t('policies.any')} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Col>
    );
    return (
      <Row gutter={16}>
        {multi(
          'types',
          t('policies.types'),
          enumOptions(CASE_TYPES, (v) => t(`common:enums.caseType.${v}`)),
        )}
        {multi(
          'severities',
          t('policies.severities'),
          enumOptions(SEVERITIES, (v) => t(`common:enums.severity.${v}`)),
        )}
        {multi(
          'grades',
          t('policies.grades'),
          enumOptions(GRADES, (v) => t(`common:enums.grade.${v}`)),
        )}
        {multi(
          'regions',
          t('policies.regions'),
          enumOptions(REGIONS, (v) => t(`common:enums.region.${v}`)),
        )}
        {multi(
          'tiers',
          t('policies.tiers'),
          enumOptions(CUSTOMER_TIERS, (v) => t(`common:enums.tier.${v}`)),
        )}
        <Col xs={24} md={12}>
          <Form.Item name={[group, 'productLines']} label={label(t('policies.productLines'))} extra={t('policies.productLinesHint')}>
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
      </Row>
    );
  };

  return (
    <Drawer
      open
      size={760}
      title={policy ? t('policies.editTitle', { name: policy.name }) : t('policies.createTitle')}
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
      <Form<PolicyValues>
        form={form}
        name="sla-policy"
        layout="vertical"
        initialValues={toValues(policy, defaultCalendar)}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={t('policies.name')}
              rules={[{ required: true, whitespace: true, message: t('policies.nameRequired') }]}
            >
              <Input maxLength={100} placeholder={t('policies.namePlaceholder')} />
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
        <Typography.Paragraph type="secondary">{t('policies.conditionsHint')}</Typography.Paragraph>
        {conditionFields('conditions')}
        <Divider titlePlacement="start" plain>
          {t('policies.anyOf')}
        </Divider>
        <Typography.Paragraph type="secondary">{t('policies.anyOfHint')}</Typography.Paragraph>
        {conditionFields('anyOf')}

        <Divider titlePlacement="start" plain>
          {t('policies.targets')}
        </Divider>
        <Typography.Paragraph type="secondary">{t('policies.targetsHint')}</Typography.Paragraph>
        {CLOCK_KINDS.map((k) => (
          <Row key={k} gutter={8} align="top">
            <Col flex="120px" style={{ paddingTop: 5 }}>
              <label htmlFor={`sla-policy_targets_${k}_amount`}>{t(`common:enums.clockKind.${k}`)}</label>
            </Col>
            <Col flex="140px">
              <Form.Item name={['targets', k, 'amount']} style={{ marginBottom: 12 }}>
                <InputNumber min={0} max={10_000} step={1} placeholder={t('policies.notSet')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col flex="160px">
              <Form.Item name={['targets', k, 'unit']} style={{ marginBottom: 12 }}>
                <Select options={units} aria-label={t('policies.unitOf', { clock: t(`common:enums.clockKind.${k}`) })} />
              </Form.Item>
            </Col>
          </Row>
        ))}
        {targetsError && (
          <Typography.Text type="danger" role="alert" style={{ display: 'block', marginBottom: 12 }}>
            {targetsError}
          </Typography.Text>
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="calendarId"
              label={t('policies.calendar')}
              extra={t('policies.calendarHint')}
              rules={[{ required: true, message: t('policies.calendarRequired') }]}
            >
              <Select
                loading={calendars.isPending}
                options={(calendars.data ?? []).map((c) => ({
                  value: c.id,
                  label: c.isDefault ? `${c.name} (${t('calendars.default')})` : c.name,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="warningPercent"
              label={t('policies.warningPercent')}
              extra={t('policies.warningPercentHint')}
              rules={[{ required: true, type: 'integer', min: 1, max: 99, message: t('policies.warningPercentInvalid') }]}
            >
              <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: 120 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="pauseStatuses" label={t('policies.pauseStatuses')} extra={t('policies.pauseStatusesHint')}>
              <Select
                mode="multiple"
                options={enumOptions(CASE_STATUSES, (s) => t(`common:enums.caseStatus.${s}`))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('policies.escalation')}
        </Divider>
        <Form.Item name="warningNotify" label={t('policies.warningNotify')}>
          <Checkbox.Group options={recipients} aria-label={t('policies.warningNotify')} />
        </Form.Item>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('policies.step', { n: i + 1 })}
                  extra={
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('policies.removeStep', { n: i + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  <Row gutter={8}>
                    <Col xs={24} md={12}>
                      <Form.Item label={t('policies.stepAfter')} style={{ marginBottom: 8 }} required>
                        <Space.Compact style={{ width: '100%' }}>
                          <Form.Item
                            name={[field.name, 'afterAmount']}
                            noStyle
                            rules={[{ required: true, message: t('policies.amountInvalid') }]}
                          >
                            <InputNumber
                              min={0}
                              max={10_000}
                              style={{ width: '45%' }}
                              aria-label={t('policies.stepAfterAmount', { n: i + 1 })}
                            />
                          </Form.Item>
                          <Form.Item name={[field.name, 'afterUnit']} noStyle>
                            <Select options={units} style={{ width: '55%' }} aria-label={t('policies.stepAfterUnit', { n: i + 1 })} />
                          </Form.Item>
                        </Space.Compact>
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[field.name, 'reassignTo']} label={t('policies.reassignTo')} style={{ marginBottom: 8 }}>
                        <Select
                          allowClear
                          placeholder={t('policies.noReassign')}
                          options={enumOptions(REASSIGN_TARGETS, (r) => t(`common:enums.reassignTarget.${r}`))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item name={[field.name, 'notify']} label={t('policies.stepNotify')} style={{ marginBottom: 8 }}>
                        <Checkbox.Group options={recipients} aria-label={t('policies.stepNotifyOf', { n: i + 1 })} />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item name={[field.name, 'raisePriority']} valuePropName="checked" style={{ marginBottom: 0 }}>
                        <Checkbox>{t('policies.raisePriority')}</Checkbox>
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              {fields.length < 10 && (
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      afterAmount: fields.length === 0 ? 0 : 1,
                      afterUnit: 'working_days',
                      notify: fields.length === 0 ? ['owner', 'department_head'] : ['gm_office'],
                      reassignTo: null,
                      raisePriority: fields.length > 0,
                    })
                  }
                >
                  {t('policies.addStep')}
                </Button>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('policies.stepsHint')}
              </Typography.Text>
            </Space>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
