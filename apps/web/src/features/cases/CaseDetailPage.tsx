import type { CaseAction, CaseView } from '@closeloop/domain';
import { Alert, App, Breadcrumb, Button, Card, Col, Flex, Result, Row, Tabs } from 'antd';
import { type ClipboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { NotFound } from '../../ui/NotFound.tsx';
import { PageSpin } from '../../ui/PageSpin.tsx';
import { describeProblem } from '../../ui/useApiProblem.ts';
import { useSession } from '../auth/session.tsx';
import { useCaseDispositions } from '../dispositions/api.ts';
import { CostsPanel } from '../dispositions/costs/CostsPanel.tsx';
import { DispositionsPanel } from '../dispositions/DispositionsPanel.tsx';
import { InvestigationPanel } from '../investigations/InvestigationPanel.tsx';
import { useCase, useCaseAttachments, useCaseEvents, useUpload } from './api.ts';
import { ActionDialog } from './detail/ActionDialog.tsx';
import { AssignDialog } from './detail/AssignDialog.tsx';
import { AttachmentsPanel } from './detail/AttachmentsPanel.tsx';
import { CaseDetails } from './detail/CaseDetails.tsx';
import { CaseHeader } from './detail/CaseHeader.tsx';
import { CaseTimeline } from './detail/CaseTimeline.tsx';
import { ResetClocksDialog, SiteArrivalDialog } from './detail/ClockDialogs.tsx';
import { ClocksCard } from './detail/ClocksCard.tsx';
import { EditDrawer } from './detail/EditDrawer.tsx';
import { ResponsibilityDialog } from './detail/ResponsibilityDialog.tsx';
import { SidePanel } from './detail/SidePanel.tsx';
import { useSaveCase } from './detail/useSaveCase.tsx';
import { pastedImages, screenshotStamp } from './intake/values.ts';

const TABS = ['details', 'investigation', 'dispositions', 'costs', 'timeline', 'attachments'] as const;
type Tab = (typeof TABS)[number];

/**
 * A case's whole story: header with its actions, details, investigation, dispositions, costs,
 * timeline, attachments, and the side panel.
 */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['cases', 'common']);
  const { can, user } = useSession();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'details';
  const query = useCase(id);
  const events = useCaseEvents(id);
  const attachments = useCaseAttachments(id);
  const upload = useUpload(id);
  const saver = useSaveCase(id);
  const [action, setAction] = useState<CaseAction | null>(null);
  const [editing, setEditing] = useState<CaseView | null>(null);
  const [assigning, setAssigning] = useState<CaseView | null>(null);
  const [clockDialog, setClockDialog] = useState<'reset' | 'arrival' | null>(null);
  const [deciding, setDeciding] = useState<CaseView | null>(null);
  const dispositions = useCaseDispositions(id);

  if (query.isPending) return <PageSpin />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFound />;
    return (
      <Result
        status="error"
        title={t('common:states.error')}
        subTitle={describeProblem(query.error)}
        extra={<Button onClick={() => query.refetch()}>{t('common:states.retry')}</Button>}
      />
    );
  }
  const c = query.data;
  const canUpload = can('cases:comment');

  const uploadFile = async (file: File) => {
    try {
      await upload.mutateAsync(file);
      message.success(t('attachments.uploaded', { name: file.name }));
    } catch (e) {
      message.error(`${file.name}: ${describeProblem(e)}`);
      throw e;
    }
  };

  /** A screenshot pasted anywhere on the page (outside a dialog) is attached to the case. */
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (!canUpload || !e.currentTarget.contains(e.target as Node)) return;
    const stamp = screenshotStamp();
    const images = pastedImages(e.clipboardData, (i) => t('intake.screenshotName', { stamp: i ? `${stamp}-${i + 1}` : stamp }));
    if (!images.length) return;
    if (!e.clipboardData.types.includes('text/plain')) e.preventDefault();
    for (const f of images) void uploadFile(f).catch(() => undefined);
  };

  const reopened = (created: CaseView) =>
    notification.success({
      title: t('dialog.reopened', { number: created.number }),
      description: (
        <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/cases/${created.number}`)}>
          {t('dialog.openNew', { number: created.number })}
        </Button>
      ),
      duration: 0,
    });

  const count = (n: number | undefined) => (n ? ` (${n})` : '');
  const finished = c.status === 'closed' || c.status === 'rejected';
  // Only clocks still counting can start again.
  const running = c.clocks.filter((k) => !k.stoppedAt).map((k) => k.kind);

  return (
    <div onPaste={onPaste}>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/cases">{t('common:nav.cases')}</Link> }, { title: c.number }]} />
      <CaseHeader c={c} canEdit={can('cases:update')} onAction={setAction} onAssign={() => setAssigning(c)} onEdit={() => setEditing(c)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={(k) => setParams((p) => ({ ...Object.fromEntries(p), tab: k }), { replace: true })}
              items={[
                { key: 'details', label: t('tabs.details'), children: <CaseDetails c={c} /> },
                {
                  key: 'investigation',
                  label: t('tabs.investigation'),
                  children: (
                    <InvestigationPanel
                      caseKey={id}
                      canEdit={can('dispositions:write')}
                      canReview={can('cases:approve')}
                      userId={user.id}
                    />
                  ),
                },
                {
                  key: 'dispositions',
                  label: `${t('tabs.dispositions')}${count(dispositions.data?.length)}`,
                  children: (
                    <DispositionsPanel
                      caseKey={id}
                      caseNumber={c.number}
                      canPropose={can('dispositions:write') && !finished}
                      hasProduct={Boolean(c.product || c.unit)}
                    />
                  ),
                },
                {
                  key: 'costs',
                  label: t('tabs.costs'),
                  children: (
                    <CostsPanel
                      c={c}
                      caseKey={id}
                      canRead={can('costs:read')}
                      canWrite={can('dispositions:write')}
                      canDecide={can('responsibility:decide') && can('cases:update')}
                      onDecide={() => setDeciding(c)}
                    />
                  ),
                },
                {
                  key: 'timeline',
                  label: `${t('tabs.timeline')}${count(events.data?.length)}`,
                  children: <CaseTimeline caseKey={id} caseId={c.id} canComment={can('cases:comment')} />,
                },
                {
                  key: 'attachments',
                  label: `${t('tabs.attachments')}${count(attachments.data?.length)}`,
                  children: <AttachmentsPanel caseKey={id} caseId={c.id} canUpload={canUpload} onUpload={uploadFile} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Flex vertical gap={16}>
            <ClocksCard
              clocks={c.clocks}
              awaitingArrival={c.visitRequired && !c.siteArrivedAt && !finished}
              siteArrivedAt={c.siteArrivedAt}
              onReset={can('cases:handle') && running.length > 0 ? () => setClockDialog('reset') : undefined}
              onArrived={can('cases:handle') ? () => setClockDialog('arrival') : undefined}
            />
            <SidePanel c={c} />
          </Flex>
        </Col>
      </Row>
      {query.isRefetchError && <Alert type="warning" showIcon title={t('common:errors.network')} style={{ marginTop: 16 }} />}
      {action && (
        <ActionDialog
          c={c}
          caseKey={id}
          action={action}
          onClose={() => setAction(null)}
          onReopened={reopened}
          canDecide={can('responsibility:decide')}
        />
      )}
      {deciding && <ResponsibilityDialog base={deciding} saver={saver} onClose={() => setDeciding(null)} />}
      {assigning && <AssignDialog base={assigning} saver={saver} onClose={() => setAssigning(null)} />}
      {editing && <EditDrawer base={editing} saver={saver} onClose={() => setEditing(null)} />}
      {clockDialog === 'reset' && (
        <ResetClocksDialog caseId={c.id} number={c.number} kinds={running} onClose={() => setClockDialog(null)} />
      )}
      {clockDialog === 'arrival' && <SiteArrivalDialog caseId={c.id} number={c.number} onClose={() => setClockDialog(null)} />}
      {saver.modal}
    </div>
  );
}
