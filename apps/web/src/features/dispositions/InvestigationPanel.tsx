import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { FISHBONE_BRANCHES, type InvestigationView, ROOT_CAUSES_6M } from '@closeloop/domain';
import { Alert, App, Button, Card, Col, Divider, Flex, Form, Input, Row, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { placeFieldErrors } from '../../ui/useApiProblem.ts';
import { useNow } from '../../ui/useNow.ts';
import { formatInstant } from '../cases/detail/format.ts';
import { useInvestigation, useSaveInvestigation, useSubmitInvestigationReport } from './api.ts';
import { dispositionProblem } from './format.tsx';

type Branch = (typeof FISHBONE_BRANCHES)[number];
interface Values {
  facts: string;
  fiveWhys: { why?: string; because?: string }[];
  fishbone: Partial<Record<Branch, string[]>>;
  rootCause6m: (typeof ROOT_CAUSES_6M)[number] | null;
  rootCause: string;
  appraisalRequired: boolean;
  appraisalReport: string;
}

const toValues = (v: InvestigationView): Values => ({
  facts: v.facts,
  fiveWhys: v.fiveWhys.length ? v.fiveWhys : [{}],
  fishbone: Object.fromEntries(FISHBONE_BRANCHES.map((b) => [b, v.fishbone[b] ?? []])),
  rootCause6m: (v.rootCause6m as Values['rootCause6m']) ?? null,
  rootCause: v.rootCause ?? '',
  appraisalRequired: v.appraisalRequired,
  appraisalReport: v.appraisalReport ?? '',
});

const trimOrNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** The form's values as `PUT /cases/{id}/investigation` takes them. */
export const toInvestigationBody = (v: Values, version: number) => ({
  version,
  facts: (v.facts ?? '').trim(),
  fiveWhys: (v.fiveWhys ?? []).filter((w) => w?.why?.trim()).map((w) => ({ why: (w.why ?? '').trim(), because: (w.because ?? '').trim() })),
  fishbone: Object.fromEntries(
    FISHBONE_BRANCHES.map((b) => [b, [...new Set((v.fishbone?.[b] ?? []).map((s) => s.trim()).filter(Boolean))]]),
  ) as Record<Branch, string[]>,
  rootCause6m: v.rootCause6m ?? null,
  rootCause: trimOrNull(v.rootCause),
  appraisalRequired: Boolean(v.appraisalRequired),
  appraisalReport: trimOrNull(v.appraisalReport),
});

const nameFor = (field: string) => {
  const [head, i, key] = field.split('.');
  if (head === 'fiveWhys' && i !== undefined) return ['fiveWhys', Number(i), key ?? 'why'];
  if (head === 'fishbone' && i) return ['fishbone', i];
  return head && ['facts', 'rootCause', 'rootCause6m', 'appraisalReport'].includes(head) ? [head] : undefined;
};

/**
 * 调查分析: the facts, 5-Why, a fishbone with the six M's, the root cause, the appraisal of returned
 * parts, and the report to management due 3 working days after the investigation began.
 */
export function InvestigationPanel({ caseKey, canEdit }: { caseKey: string; canEdit: boolean }) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const query = useInvestigation(caseKey);
  const save = useSaveInvestigation(caseKey);
  const report = useSubmitInvestigationReport(caseKey);
  const appraisal = Form.useWatch('appraisalRequired', form);
  const now = useNow(60_000);
  const inv = query.data;

  useEffect(() => {
    if (inv) form.setFieldsValue(toValues(inv));
  }, [inv, form]);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.problem.code === 'version_conflict') {
      message.error(t('investigation.conflict'), 6);
      return;
    }
    const { shown, rest } = placeFieldErrors(form, e, nameFor);
    if (shown > 0 && rest.length === 0) {
      message.error(t('investigation.fixFields'));
      return;
    }
    message.error(dispositionProblem(t, e, { fieldLabel: (f) => t(`investigation.fieldNames.${f as 'facts'}`, f) }), 6);
  };

  /** Saves; resolves the saved record, or null when it failed. */
  const doSave = async () => {
    if (!inv) return null;
    try {
      const values = await form.validateFields();
      const saved = await save.mutateAsync(toInvestigationBody(values, inv.version));
      // What is shown is what is saved: nothing left to save.
      form.resetFields();
      form.setFieldsValue(toValues(saved));
      return saved;
    } catch (e) {
      if (!(e instanceof ApiError)) return null; // the form shows its own errors
      fail(e);
      return null;
    }
  };

  const onSave = async () => {
    if (await doSave()) message.success(t('investigation.saved'));
  };

  const onReport = async () => {
    const saved = form.isFieldsTouched() || inv?.version === 0 ? await doSave() : inv;
    if (!saved) return;
    try {
      await report.mutateAsync(undefined);
      message.success(t('investigation.reported'));
    } catch (e) {
      fail(e);
    }
  };

  if (query.isPending) return <Skeleton active />;
  if (query.isError || !inv)
    return (
      <Alert
        type="error"
        showIcon
        title={dispositionProblem(t, query.error)}
        action={<Button onClick={() => query.refetch()}>{t('common:states.retry')}</Button>}
      />
    );

  const due = inv.reportDueAt ? Date.parse(inv.reportDueAt) : null;
  const submitted = inv.reportSubmittedAt;
  const overdue = !submitted && due !== null && now > due;
  const dueSoon = !submitted && due !== null && !overdue && due - now < 24 * 3600_000;

  return (
    <Form<Values> form={form} name="investigation" layout="vertical" initialValues={toValues(inv)} disabled={!canEdit}>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="investigation-status">
        {submitted ? (
          <Tag color="success">{t('investigation.submittedAt', { at: formatInstant(submitted) })}</Tag>
        ) : due !== null ? (
          <Tag color={overdue ? 'error' : dueSoon ? 'warning' : 'processing'} data-overdue={overdue}>
            {overdue
              ? t('investigation.overdue', { at: formatInstant(inv.reportDueAt) })
              : t('investigation.dueAt', { at: formatInstant(inv.reportDueAt) })}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('investigation.notStarted')}</Typography.Text>
        )}
        {inv.appraisedAt && <Tag>{t('investigation.appraisedAt', { at: formatInstant(inv.appraisedAt) })}</Tag>}
      </Flex>

      <Form.Item name="facts" label={t('investigation.facts')} extra={t('investigation.factsHint')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} />
      </Form.Item>

      <Divider titlePlacement="start" plain>
        {t('investigation.fiveWhys')}
      </Divider>
      <Form.List name="fiveWhys">
        {(rows, { add, remove }) => (
          <Flex vertical gap={8} style={{ marginBottom: 16 }}>
            {rows.map((row, i) => (
              <Card size="small" key={row.key} styles={{ body: { paddingBottom: 0 } }}>
                <Flex gap={8} align="start">
                  <Tag color="blue" style={{ marginTop: 5 }}>
                    {t('investigation.whyN', { n: i + 1 })}
                  </Tag>
                  <Row gutter={8} style={{ flex: 1 }}>
                    <Col xs={24} md={12}>
                      <Form.Item name={[row.name, 'why']} style={{ marginBottom: 8 }}>
                        <Input
                          placeholder={t('investigation.why')}
                          aria-label={t('investigation.whyLabel', { n: i + 1 })}
                          maxLength={1000}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[row.name, 'because']} style={{ marginBottom: 8 }}>
                        <Input
                          placeholder={t('investigation.because')}
                          aria-label={t('investigation.becauseLabel', { n: i + 1 })}
                          maxLength={1000}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('investigation.removeWhy', { n: i + 1 })}
                    onClick={() => remove(row.name)}
                  />
                </Flex>
              </Card>
            ))}
            {rows.length < 10 && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
                {t('investigation.addWhy')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>

      <Divider titlePlacement="start" plain>
        {t('investigation.fishbone')}
      </Divider>
      <Typography.Paragraph type="secondary">{t('investigation.fishboneHint')}</Typography.Paragraph>
      <Row gutter={[12, 0]}>
        {FISHBONE_BRANCHES.map((b) => (
          <Col key={b} xs={24} md={12} xl={8}>
            <Form.Item name={['fishbone', b]} label={t(`investigation.branch.${b}`)}>
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                tokenSeparators={['\n', '；', ';']}
                placeholder={t('investigation.branchPlaceholder')}
                aria-label={t(`investigation.branch.${b}`)}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>

      <Divider titlePlacement="start" plain>
        {t('investigation.rootCauseTitle')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="rootCause6m" label={t('investigation.rootCause6m')}>
            <Select
              allowClear
              options={ROOT_CAUSES_6M.map((m) => ({ value: m, label: t(`investigation.branch.${m}`) }))}
              aria-label={t('investigation.rootCause6m')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="rootCause" label={t('investigation.rootCause')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="appraisalRequired"
        label={t('investigation.appraisalRequired')}
        valuePropName="checked"
        extra={t('investigation.appraisalHint')}
      >
        <Switch />
      </Form.Item>
      {appraisal && (
        <Form.Item name="appraisalReport" label={t('investigation.appraisalReport')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} />
        </Form.Item>
      )}
      {canEdit && (
        <Flex gap={8} wrap>
          <Button type="primary" onClick={onSave} loading={save.isPending}>
            {t('common:actions.save')}
          </Button>
          <Button icon={<SendOutlined />} onClick={onReport} loading={report.isPending}>
            {submitted ? t('investigation.resubmit') : t('investigation.submit')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}
