import { CUSTOMER_DEMANDS } from '@closeloop/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Anchor, App, Button, Card, Checkbox, Flex, Form, Typography, type UploadFile } from 'antd';
import { type ClipboardEvent, type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client.ts';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { caseKeys, useOpenCase } from '../api.ts';
import { CustomerSection } from './CustomerSection.tsx';
import { DuplicateWarning } from './DuplicateWarning.tsx';
import { newIdempotencyKey } from './lookups.ts';
import { PendingFiles, toUploadFile } from './PendingFiles.tsx';
import { ProblemSection } from './ProblemSection.tsx';
import { ProductSection } from './ProductSection.tsx';
import { type IntakeUser, ReceiptSection } from './ReceiptSection.tsx';
import { type IntakeValues, initialValues, pastedImages, screenshotStamp, toCreateBody } from './values.ts';

const SECTIONS = ['customer', 'product', 'problem', 'demand', 'attachments', 'receipt'] as const;
type Section = (typeof SECTIONS)[number];

/** Fields of the form; server errors on any other field go to a message. */
const FORM_FIELDS = new Set<string>([
  ...Object.keys(toCreateBody({ type: 'complaint', channel: 'phone' })),
  'unitId',
  'contactId',
  'serviceKind',
]);

function SectionCard({ id, title, children }: { id: Section; title: string; children: ReactNode }) {
  return (
    <Card id={`intake-${id}`} title={title} size="small" style={{ marginBottom: 16, scrollMarginTop: 56 }}>
      {children}
    </Card>
  );
}

/** The intake form (登记案件): one screen in the sections of PROCEDURE.md §2. */
export function IntakeForm({ me }: { me: IntakeUser }) {
  const { t } = useTranslation(['cases', 'common']);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<IntakeValues>();
  const openCase = useOpenCase();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  // One key per form: a double click or a retry after a lost answer never registers two cases.
  const idempotencyKey = useRef(newIdempotencyKey());

  const addFiles = (added: File[]) => setFiles((prev) => [...prev, ...added.map(toUploadFile)]);

  const submit = async (values: IntakeValues) => {
    if (busy) return;
    setBusy(true);
    try {
      const created = await openCase.mutateAsync({ body: toCreateBody(values), idempotencyKey: idempotencyKey.current });
      let failed = 0;
      for (const f of files) {
        if (!f.originFileObj) continue;
        try {
          await api.upload(`/cases/${created.id}/attachments`, f.originFileObj, f.name);
        } catch {
          failed += 1;
        }
      }
      qc.setQueryData(caseKeys.detail(created.number), created);
      message.success(t('intake.created', { number: created.number }));
      if (failed) message.warning(t('intake.uploadFailed', { count: failed }), 8);
      navigate(`/cases/${created.number}`);
    } catch (e) {
      report(e, form, (field) => (FORM_FIELDS.has(field) ? [field] : undefined));
    } finally {
      setBusy(false);
    }
  };

  /** Enter in a text box never submits by accident; Ctrl+Enter (⌘+Enter) submits from anywhere. */
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || !e.currentTarget.contains(e.target as Node)) return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      form.submit();
      return;
    }
    if ((e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
  };

  /** A screenshot pasted anywhere on the form becomes an attachment named after the moment. */
  const onPaste = (e: ClipboardEvent<HTMLFormElement>) => {
    if (!e.currentTarget.contains(e.target as Node)) return;
    const stamp = screenshotStamp();
    const images = pastedImages(e.clipboardData, (i) => t('intake.screenshotName', { stamp: i ? `${stamp}-${i + 1}` : stamp }));
    if (!images.length) return;
    if (!e.clipboardData.types.includes('text/plain')) e.preventDefault();
    addFiles(images);
    message.info(t('intake.pasted', { count: images.length }));
  };

  const title = (s: Section) => `${SECTIONS.indexOf(s) + 1}. ${t(`intake.sections.${s}`)}`;

  return (
    <div>
      <div style={{ position: 'sticky', top: 0, zIndex: 6, background: '#f5f5f5', paddingBottom: 8 }}>
        <Anchor
          affix={false}
          direction="horizontal"
          targetOffset={56}
          style={{ background: '#fff', padding: '4px 8px', borderRadius: 8 }}
          items={SECTIONS.map((s) => ({ key: s, href: `#intake-${s}`, title: title(s) }))}
          replace
        />
      </div>
      <Form<IntakeValues>
        form={form}
        name="intake"
        layout="vertical"
        initialValues={initialValues(me.id)}
        onFinish={submit}
        onFinishFailed={({ errorFields }) => {
          if (errorFields[0]) form.scrollToField(errorFields[0].name, { block: 'center', focus: true });
        }}
        scrollToFirstError={false}
        disabled={busy}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      >
        <SectionCard id="customer" title={title('customer')}>
          <CustomerSection />
        </SectionCard>
        <SectionCard id="product" title={title('product')}>
          <ProductSection />
        </SectionCard>
        <DuplicateWarning />
        <SectionCard id="problem" title={title('problem')}>
          <ProblemSection />
        </SectionCard>
        <SectionCard id="demand" title={title('demand')}>
          <Form.Item name="customerDemands" label={t('fields.customerDemands')} style={{ marginBottom: 0 }}>
            <Checkbox.Group
              aria-label={t('fields.customerDemands')}
              options={CUSTOMER_DEMANDS.map((d) => ({ value: d, label: t(`common:enums.customerDemand.${d}`) }))}
            />
          </Form.Item>
        </SectionCard>
        <SectionCard id="attachments" title={title('attachments')}>
          <PendingFiles files={files} onAdd={(f) => addFiles([f])} onRemove={(uid) => setFiles((p) => p.filter((f) => f.uid !== uid))} />
        </SectionCard>
        <SectionCard id="receipt" title={title('receipt')}>
          <ReceiptSection me={me} />
        </SectionCard>
        <Flex
          gap={12}
          align="center"
          wrap
          style={{ position: 'sticky', bottom: 0, zIndex: 5, background: '#fff', padding: '12px 16px', borderTop: '1px solid #f0f0f0' }}
        >
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('intake.submit')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFiles([]);
              idempotencyKey.current = newIdempotencyKey();
            }}
          >
            {t('intake.clear')}
          </Button>
          <Typography.Text type="secondary">{t('intake.shortcut')}</Typography.Text>
        </Flex>
      </Form>
    </div>
  );
}
