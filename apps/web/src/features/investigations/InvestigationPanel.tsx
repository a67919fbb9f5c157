import { AuditOutlined, DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { FISHBONE_BRANCHES, type InvestigationView, REVIEW_DECISIONS, type ReviewDecision, ROOT_CAUSES_6M } from '@closeloop/domain';
import { Alert, App, Button, Card, Col, Divider, Flex, Form, Input, Radio, Row, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { placeFieldErrors } from '../../ui/useApiProblem.ts';
import { useNow } from '../../ui/useNow.ts';
import { formatInstant } from '../cases/detail/format.ts';
import { dispositionProblem } from '../dispositions/format.tsx';
import { useInvestigation, useReviewInvestigationReport, useSaveInvestigation, useSubmitInvestigationReport } from './api.ts';

/** Long status lines (dates and names) wrap inside their tag on a phone instead of running past the card. */
const WRAP = { whiteSpace: 'normal', marginInlineEnd: 0 } as const;

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

/** Management's review of the report as submitted (总经理室批示): the decision, the instruction, who and when. */
function ReviewResult({ review }: { review: NonNullable<InvestigationView['review']> }) {
  const { t } = useTranslation(['dispositions', 'common']);
  return (
    <Alert
      type={review.decision === 'accepted' ? 'success' : 'warning'}
      showIcon
      icon={<AuditOutlined />}
      data-testid="investigation-review"
      title={t('investigation.review.result', { decision: t(`common:enums.reviewDecision.${review.decision}`) })}
      description={
        <Flex vertical gap={4}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {review.instruction ?? t('investigation.review.noInstruction')}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('investigation.review.by', { name: review.reviewedBy?.displayName ?? '—', at: formatInstant(review.reviewedAt) })}
          </Typography.Text>
        </Flex>
      }
    />
  );
}

/** The reviewer's form: accept the report, or return it with what is to be done (required then). */
function ReviewForm({ caseKey, version }: { caseKey: string; version: number }) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: ReviewDecision; instruction?: string }>();
  const review = useReviewInvestigationReport(caseKey);
  const decision = Form.useWatch('decision', form);

  const submit = async (v: { decision: ReviewDecision; instruction?: string }) => {
    const instruction = v.instruction?.trim();
    try {
      await review.mutateAsync({ decision: v.decision, version, ...(instruction ? { instruction } : {}) });
      message.success(t('investigation.review.done'));
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'version_conflict') {
        message.error(t('investigation.conflict'), 6);
        return;
      }
      const { shown, rest } = placeFieldErrors(form, e, (f) => (f === 'instruction' ? ['instruction'] : undefined));
      if (shown > 0 && rest.length === 0) return;
      message.error(dispositionProblem(t, e), 6);
    }
  };

  return (
    <Card size="small" title={t('investigation.review.title')} data-testid="investigation-review-form">
      <Form form={form} name="investigation-review" layout="vertical" initialValues={{ decision: 'accepted' }} onFinish={submit}>
        <Form.Item name="decision" label={t('investigation.review.decision')}>
          <Radio.Group
            aria-label={t('investigation.review.decision')}
            options={REVIEW_DECISIONS.map((d) => ({ value: d, label: t(`common:enums.reviewDecision.${d}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="instruction"
          label={t('investigation.review.instruction')}
          extra={t('investigation.review.instructionHint')}
          rules={
            decision === 'returned' ? [{ required: true, whitespace: true, message: t('investigation.review.instructionRequired') }] : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Button type="primary" icon={<AuditOutlined />} htmlType="submit" loading={review.isPending}>
          {t('investigation.review.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * 调查分析: the facts, 5-Why, a fishbone with the six M's, the root cause, the appraisal of returned
 * parts, and the report to management due 3 working days after the investigation began; management
 * (`canReview`, not whoever submitted it) accepts the report or returns it with its instruction.
 */
export function InvestigationPanel({
  caseKey,
  canEdit,
  canReview = false,
  userId,
}: {
  caseKey: string;
  canEdit: boolean;
  canReview?: boolean;
  /** The signed-in user: nobody reviews a report they submitted. */
  userId?: string;
}) {
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
  // Submitted, the report stands until management returns it; accepted, it is final.
  const editable = canEdit && (inv.reportStatus === 'draft' || inv.reportStatus === 'returned');
  const ownReport = inv.reportSubmittedBy !== null && inv.reportSubmittedBy.id === userId;
  const STATUS_COLOR = { submitted: 'processing', accepted: 'success', returned: 'warning' } as const;

  return (
    <Flex vertical gap={16}>
      {inv.review && <ReviewResult review={inv.review} />}
      <Form<Values> form={form} name="investigation" layout="vertical" initialValues={toValues(inv)} disabled={!editable}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="investigation-status">
          {inv.reportStatus !== 'draft' && (
            <Tag color={STATUS_COLOR[inv.reportStatus]}>{t(`investigation.reportStatus.${inv.reportStatus}`)}</Tag>
          )}
          {submitted ? (
            <Tag color="success" style={WRAP}>
              {inv.reportSubmittedBy
                ? t('investigation.submittedBy', { at: formatInstant(submitted), name: inv.reportSubmittedBy.displayName })
                : t('investigation.submittedAt', { at: formatInstant(submitted) })}
            </Tag>
          ) : due !== null ? (
            <Tag color={overdue ? 'error' : dueSoon ? 'warning' : 'processing'} data-overdue={overdue} style={WRAP}>
              {overdue
                ? t('investigation.overdue', { at: formatInstant(inv.reportDueAt) })
                : t('investigation.dueAt', { at: formatInstant(inv.reportDueAt) })}
            </Tag>
          ) : (
            <Typography.Text type="secondary">{t('investigation.notStarted')}</Typography.Text>
          )}
          {inv.appraisedAt && <Tag style={WRAP}>{t('investigation.appraisedAt', { at: formatInstant(inv.appraisedAt) })}</Tag>}
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
        {editable && (
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
      {canReview &&
        inv.reportStatus === 'submitted' &&
        (ownReport ? (
          <Typography.Text type="secondary">{t('investigation.review.ownReport')}</Typography.Text>
        ) : (
          <ReviewForm caseKey={caseKey} version={inv.version} />
        ))}
    </Flex>
  );
}
