import { ArrowLeftOutlined, CheckCircleOutlined, EnvironmentOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { DispositionAction, DispositionView } from '@closeloop/domain';
import { Alert, App, Button, Card, Flex, Form, Input, Result, Skeleton, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../../api/client.ts';
import { LanguageSwitch } from '../../../ui/LanguageSwitch.tsx';
import { NotFound } from '../../../ui/NotFound.tsx';
import { placeFieldErrors } from '../../../ui/useApiProblem.ts';
import { useSession } from '../../auth/session.tsx';
import { attachmentUrl, useCase } from '../../cases/api.ts';
import { formatInstant } from '../../cases/detail/format.ts';
import { DispositionActionDialog } from '../ActionDialog.tsx';
import { memoUrl, useDisposition, useDispositionAction, useSignDisposition } from '../api.ts';
import { DetailsFields } from '../DetailsFields.tsx';
import { type DetailsValues, type FactName, factsFrom, valuesOf } from '../details.ts';
import { dispositionProblem } from '../format.tsx';
import { useFactLabel } from '../useFactLabel.ts';
import { OrderSummary } from './OrderSummary.tsx';
import { PhotosCard } from './PhotosCard.tsx';
import { SignaturePad } from './SignaturePad.tsx';

/** What the engineer records on site, in the order of the visit. */
const WORK: FactName[] = ['workDone', 'partsUsed', 'labourHours', 'travelHours'];
const CUSTOMER: FactName[] = ['customerComment', 'satisfaction'];

const nameFor = (field: string) =>
  field.startsWith('details.') && [...WORK, ...CUSTOMER].includes(field.split('.')[1] as FactName)
    ? field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
    : undefined;

/**
 * 上门服务单 on a phone (`/service-orders/:id`): the case and customer, "arrived now", the work done,
 * parts used, hours, photos from the camera, the customer's comment and satisfaction, the customer's
 * signature, completion, and the service memo (服务备忘录) as a PDF in Chinese and English.
 */
export default function ServiceOrderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const query = useDisposition(id);

  useEffect(() => {
    document.title = `${t('serviceOrder.title')} · ${t('common:appName')}`;
  }, [t]);

  let body: ReactNode;
  if (query.isPending) body = <Skeleton active style={{ padding: 16 }} />;
  else if (query.isError)
    body =
      query.error instanceof ApiError && query.error.status === 404 ? (
        <NotFound />
      ) : (
        <Result
          status="error"
          title={t('common:states.error')}
          subTitle={dispositionProblem(t, query.error)}
          extra={<Button onClick={() => query.refetch()}>{t('common:states.retry')}</Button>}
        />
      );
  else if (query.data.kind !== 'service_order')
    body = (
      <Result
        status="warning"
        title={t('serviceOrder.notServiceOrder', { number: query.data.number })}
        extra={<Link to={`/cases/${query.data.caseNumber}?tab=dispositions`}>{query.data.caseNumber}</Link>}
      />
    );
  else body = <ServiceOrder d={query.data} />;

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: '#001529',
          color: '#fff',
          padding: '10px 12px',
          display: 'flex',
          alignItems: 'center',
          gap: 8,
        }}
      >
        {query.data && (
          <Link
            to={`/cases/${query.data.caseNumber}?tab=dispositions`}
            aria-label={t('serviceOrder.back', { number: query.data.caseNumber })}
            style={{ color: '#fff', fontSize: 18, lineHeight: 1, padding: 6 }}
          >
            <ArrowLeftOutlined />
          </Link>
        )}
        <Typography.Text strong style={{ color: '#fff', flex: 1, fontSize: 16 }} ellipsis>
          {t('serviceOrder.title')}
          {query.data ? ` · ${query.data.number}` : ''}
        </Typography.Text>
        <LanguageSwitch />
      </header>
      <main style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>{body}</main>
    </div>
  );
}

function ServiceOrder({ d }: { d: DispositionView }) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const { message } = App.useApp();
  const { can } = useSession();
  const c = useCase(d.caseId);
  const act = useDispositionAction();
  const sign = useSignDisposition(d.id);
  const factLabel = useFactLabel();
  const [form] = Form.useForm<{ details: DetailsValues }>();
  const [signature, setSignature] = useState<string | null>(null);
  const [signer, setSigner] = useState('');
  const [resign, setResign] = useState(false);
  const [errors, setErrors] = useState<{ arrival?: string; signature?: string; other?: string }>({});
  const [lifecycle, setLifecycle] = useState<DispositionAction | null>(null);
  const details = d.details.kind === 'service_order' ? d.details : null;
  const canUpdate = d.allowedActions.includes('update');
  const canComplete = d.allowedActions.includes('complete');
  const done = d.status === 'done';
  const signed = d.signature;

  useEffect(() => {
    if (!signer && c.data?.contactName) setSigner(c.data.contactName);
  }, [c.data?.contactName, signer]);

  if (!details) return null;

  const work = () => factsFrom(form.getFieldsValue(true).details ?? {}, [...WORK, ...CUSTOMER]);

  const report = (e: unknown) => {
    if (e instanceof ApiError && e.problem.code === 'version_conflict') {
      message.error(t('cases:errors.versionConflict'), 6);
      return;
    }
    const { rest } = placeFieldErrors(form, e, nameFor);
    const next: typeof errors = {};
    for (const r of rest) {
      if (r.field === 'signature') next.signature = t('serviceOrder.signFirst');
      else if (r.field === 'details.arrivedAt') next.arrival = t('serviceOrder.arriveFirst');
    }
    if (!rest.length || rest.some((r) => r.field !== 'signature' && r.field !== 'details.arrivedAt'))
      next.other = dispositionProblem(t, e, { fieldLabel: factLabel });
    setErrors(next);
  };

  const arrivedNow = async () => {
    setErrors({});
    const at = new Date().toISOString();
    try {
      await act.mutateAsync({ id: d.id, body: { action: 'update', version: d.version, details: { arrivedAt: at } } });
      // The case's on-site clock stops too, when the case waits for a visit.
      if (c.data?.visitRequired && !c.data.siteArrivedAt && can('cases:handle')) {
        await api.post(`/cases/${d.caseId}/site-arrival`, { arrivedAt: at }).catch(() => undefined);
      }
      message.success(t('serviceOrder.arrivedDone'));
    } catch (e) {
      report(e);
    }
  };

  const save = async () => {
    setErrors({});
    try {
      await form.validateFields();
    } catch {
      return;
    }
    try {
      await act.mutateAsync({ id: d.id, body: { action: 'update', version: d.version, details: work() } });
      message.success(t('serviceOrder.saved'));
    } catch (e) {
      report(e);
    }
  };

  const saveSignature = async () => {
    if (!signature || !signer.trim()) return;
    setErrors({});
    try {
      // Unsaved work first, so the memo the customer signed shows it.
      const facts = work();
      let version = d.version;
      if (form.isFieldsTouched() && Object.keys(facts).length) {
        version = (await act.mutateAsync({ id: d.id, body: { action: 'update', version, details: facts } })).disposition.version;
      }
      await sign.mutateAsync({ pngBase64: signature, signedBy: signer.trim(), version });
      setResign(false);
      setSignature(null);
      message.success(t('signature.saved'));
    } catch (e) {
      report(e);
    }
  };

  const complete = async () => {
    setErrors({});
    try {
      await form.validateFields();
    } catch {
      return;
    }
    try {
      await act.mutateAsync({ id: d.id, body: { action: 'complete', version: d.version, details: work() } });
      message.success(t('serviceOrder.completed'));
    } catch (e) {
      report(e);
    }
  };

  const memoLinks = (
    <Flex gap={8} wrap>
      <Button icon={<FilePdfOutlined />} href={memoUrl(d.id, 'zh-CN')} target="_blank" rel="noreferrer" size="large">
        {t('serviceOrder.memoZh')}
      </Button>
      <Button icon={<FilePdfOutlined />} href={memoUrl(d.id, 'en-US')} target="_blank" rel="noreferrer" size="large">
        {t('serviceOrder.memoEn')}
      </Button>
    </Flex>
  );

  const lifecycleActions = (['submit', 'start'] as const).filter((a) => d.allowedActions.includes(a));

  return (
    <Flex vertical gap={12}>
      <OrderSummary d={d} plannedArrival={details.plannedArrival} />

      {lifecycleActions.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('serviceOrder.notStarted', { status: t(`common:enums.dispositionStatus.${d.status}`) })}
          action={
            <Flex vertical gap={4}>
              {lifecycleActions.map((a) => (
                <Button key={a} size="small" type="primary" onClick={() => setLifecycle(a)}>
                  {t(`common:enums.dispositionAction.${a}`)}
                </Button>
              ))}
            </Flex>
          }
        />
      )}

      {done && (
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t('serviceOrder.doneTitle')}
          subTitle={signed ? t('card.signed', { name: signed.signedBy, at: formatInstant(signed.signedAt) }) : undefined}
          extra={memoLinks}
          style={{ background: '#fff', borderRadius: 8, padding: 16 }}
        />
      )}

      <Card size="small" title={t('serviceOrder.arrival')}>
        {details.arrivedAt ? (
          <Typography.Text type="success" data-testid="arrived-at">
            <EnvironmentOutlined /> {t('serviceOrder.arrivedAt', { at: formatInstant(details.arrivedAt) })}
          </Typography.Text>
        ) : (
          <Button
            type="primary"
            size="large"
            block
            icon={<EnvironmentOutlined />}
            onClick={arrivedNow}
            loading={act.isPending}
            disabled={!canUpdate}
          >
            {t('serviceOrder.arrivedNow')}
          </Button>
        )}
        {errors.arrival && <Alert type="error" showIcon title={errors.arrival} style={{ marginTop: 8 }} />}
      </Card>

      <Form form={form} name="service-order" layout="vertical" initialValues={{ details: valuesOf(d.details) }} disabled={!canUpdate}>
        <Flex vertical gap={12}>
          <Card size="small" title={t('serviceOrder.work')}>
            <DetailsFields names={WORK} />
          </Card>

          <PhotosCard caseId={d.caseId} editable={canUpdate && can('cases:comment')} />

          <Card size="small" title={t('serviceOrder.customer')}>
            <DetailsFields names={CUSTOMER} />
          </Card>
        </Flex>
      </Form>

      {canUpdate && (
        <Button size="large" onClick={save} loading={act.isPending}>
          {t('serviceOrder.save')}
        </Button>
      )}

      <Card size="small" title={t('signature.title')}>
        {signed && !resign ? (
          <Flex vertical gap={8} data-testid="signature-saved">
            <img
              src={attachmentUrl(d.caseId, signed.attachmentId)}
              alt={t('signature.imageOf', { name: signed.signedBy })}
              style={{ maxWidth: '100%', border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' }}
            />
            <Typography.Text>{t('card.signed', { name: signed.signedBy, at: formatInstant(signed.signedAt) })}</Typography.Text>
            {canUpdate && (
              <Button onClick={() => setResign(true)} style={{ alignSelf: 'flex-start' }}>
                {t('signature.again')}
              </Button>
            )}
          </Flex>
        ) : canUpdate ? (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">{t('signature.intro')}</Typography.Text>
            <SignaturePad onChange={setSignature} />
            <label htmlFor="signer-name">{t('signature.signedBy')}</label>
            <Input
              id="signer-name"
              size="large"
              value={signer}
              maxLength={100}
              onChange={(e) => setSigner(e.target.value)}
              autoComplete="name"
            />
            <Button type="primary" size="large" onClick={saveSignature} disabled={!signature || !signer.trim()} loading={sign.isPending}>
              {t('signature.save')}
            </Button>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('signature.none')}</Typography.Text>
        )}
        {errors.signature && <Alert type="error" showIcon title={errors.signature} style={{ marginTop: 8 }} />}
      </Card>

      {errors.other && <Alert type="error" showIcon title={errors.other} />}

      {canComplete && (
        <Button type="primary" size="large" block icon={<CheckCircleOutlined />} onClick={complete} loading={act.isPending}>
          {t('serviceOrder.complete')}
        </Button>
      )}

      {!done && (
        <Card size="small" title={t('serviceOrder.memo')}>
          <Typography.Paragraph type="secondary">{t('serviceOrder.memoHint')}</Typography.Paragraph>
          {memoLinks}
        </Card>
      )}
      {lifecycle && <DispositionActionDialog d={d} action={lifecycle} onClose={() => setLifecycle(null)} />}
    </Flex>
  );
}
