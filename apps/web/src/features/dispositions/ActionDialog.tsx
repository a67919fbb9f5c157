import type { DispositionAction, DispositionView } from '@closeloop/domain';
import { Alert, App, Button, Divider, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { placeFieldErrors } from '../../ui/useApiProblem.ts';
import { useDispositionAction } from './api.ts';
import { DetailsFields } from './DetailsFields.tsx';
import { type DetailsValues, factsFrom, factsOf, valuesOf } from './details.ts';
import { dispositionProblem, useRoleName } from './format.tsx';
import { useFactLabel } from './useFactLabel.ts';

interface Values {
  note?: string;
  details?: DetailsValues;
}

/** Actions whose note is required: the approver's reason for refusing, the customer's words. */
const NOTE_REQUIRED = new Set<DispositionAction>(['refuse', 'customer_refuse']);

/** `details.receivedOn` → the form's `['details', 'receivedOn']`; fields the form has no place for stay undefined. */
const nameFor = (field: string) => {
  if (field === 'note') return ['note'];
  if (field.startsWith('details.')) return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return undefined;
};

/**
 * What one action on a disposition needs, in a modal: a note (required to refuse or to record the
 * customer's refusal), the facts to record for `update` and `complete`. Sends the version shown.
 */
export function DispositionActionDialog({ d, action, onClose }: { d: DispositionView; action: DispositionAction; onClose: () => void }) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const act = useDispositionAction();
  const roleName = useRoleName();
  const factLabel = useFactLabel();
  const [unplaced, setUnplaced] = useState<string | null>(null);
  const label = t(`common:enums.dispositionAction.${action}`);
  const withFacts = action === 'update' || action === 'complete';
  const progress = factsOf(d.kind, 'progress');
  const plan = factsOf(d.kind, 'plan');
  const needsSignature = action === 'complete' && d.kind === 'service_order' && !d.signature;

  const submit = async (v: Values) => {
    setUnplaced(null);
    const names = action === 'complete' && progress.length ? progress : [...progress, ...plan];
    const details = withFacts && v.details ? factsFrom(v.details, names) : undefined;
    try {
      const r = await act.mutateAsync({
        id: d.id,
        body: {
          action,
          version: d.version,
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          ...(details && Object.keys(details).length ? { details } : {}),
        },
      });
      message.success(t('actions.done', { action: label, number: d.number }));
      if (r.createdCaseId) {
        const id = r.createdCaseId;
        notification.success({
          title: t('actions.followUpOpened'),
          description: (
            <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/cases/${id}`)}>
              {t('actions.openFollowUp')}
            </Button>
          ),
          duration: 0,
        });
      }
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'version_conflict') {
        message.error(t('cases:errors.versionConflict'), 6);
        onClose();
        return;
      }
      const { shown, rest } = placeFieldErrors(form, e, nameFor);
      if (shown > 0 && rest.length === 0) return;
      const text = dispositionProblem(t, e, { roleName, fieldLabel: (field) => factLabel(field, d.kind) });
      if (rest.length) setUnplaced(text);
      else message.error(text, 6);
    }
  };

  return (
    <Modal
      open
      title={t('actions.title', { action: label, number: d.number })}
      okText={label}
      okButtonProps={{ danger: action === 'refuse' || action === 'cancel' || action === 'customer_refuse' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={act.isPending}
      destroyOnHidden
      width={withFacts ? 720 : 520}
    >
      <Form<Values>
        form={form}
        name={`disposition-${action}`}
        layout="vertical"
        initialValues={withFacts ? { details: valuesOf(d.details) } : {}}
        onFinish={submit}
      >
        {action === 'customer_refuse' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('actions.customerRefuseHint')} />
        )}
        {action === 'submit' && d.requiresApproval && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('actions.submitNeedsApproval')} />
        )}
        {needsSignature && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('serviceOrder.signFirst')}
            action={<Link to={`/service-orders/${d.id}`}>{t('serviceOrder.open')}</Link>}
          />
        )}
        {unplaced && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={unplaced} />}
        {withFacts && progress.length > 0 && <DetailsFields names={progress} kind={d.kind} />}
        {withFacts && (action === 'update' || progress.length === 0) && (
          <>
            {progress.length > 0 && (
              <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
                {t('actions.plan')}
              </Divider>
            )}
            <DetailsFields names={plan} kind={d.kind} />
          </>
        )}
        <Form.Item
          name="note"
          label={t(action === 'customer_refuse' ? 'actions.customerWords' : action === 'refuse' ? 'actions.refuseReason' : 'actions.note')}
          rules={NOTE_REQUIRED.has(action) ? [{ required: true, whitespace: true, message: t('rules.noteRequired') }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} autoFocus={!withFacts} />
        </Form.Item>
        {!NOTE_REQUIRED.has(action) && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('actions.noteOptional')}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
