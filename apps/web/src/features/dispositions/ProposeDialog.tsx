import { DISPOSITION_KINDS, type DispositionKind, type ProposeDispositionBody } from '@closeloop/domain';
import { Alert, App, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { placeFieldErrors } from '../../ui/useApiProblem.ts';
import { useProposeDisposition } from './api.ts';
import { DetailsFields } from './DetailsFields.tsx';
import { type DetailsValues, detailsFrom, type FactName, factsOf } from './details.ts';
import { dispositionProblem } from './format.tsx';
import { useFactLabel } from './useFactLabel.ts';
import type { WarrantyInputs } from './WarrantyPanel.tsx';

export interface ProposeValues {
  kind: DispositionKind;
  details?: DetailsValues;
  note?: string;
  attachWarranty?: boolean;
}

/** Facts a kind cannot be proposed without. */
export const REQUIRED_AT_PROPOSAL: Partial<Record<DispositionKind, FactName[]>> = {
  explanation: ['text'],
  refund: ['amount'],
  compensation: ['amount', 'form'],
  spare_parts: ['parts'],
};

/** The body of `POST /cases/{id}/dispositions` from the dialog's values (and the warranty panel's inputs when attached). */
export function toProposeBody(v: ProposeValues, warranty: WarrantyInputs = {}): z.input<typeof ProposeDispositionBody> {
  const note = v.note?.trim();
  return {
    details: detailsFrom(v.kind, v.details ?? {}),
    ...(note ? { note } : {}),
    ...(v.attachWarranty
      ? {
          withWarranty: {
            ...(warranty.faultCode?.trim() ? { faultCode: warranty.faultCode.trim() } : {}),
            ...(warranty.exclusion ? { exclusion: warranty.exclusion } : {}),
            ...(warranty.price !== undefined && warranty.price !== null ? { price: warranty.price } : {}),
          },
        }
      : {}),
  };
}

const nameFor = (field: string) => {
  if (field === 'note') return [field];
  if (field.startsWith('details.')) return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return undefined;
};

/** 提出处置方案: the kind, its facts (the money among them, which decides the approval), and the warranty evaluation. */
export function ProposeDialog({
  caseKey,
  caseNumber,
  warranty,
  initialKind = 'repair',
  onClose,
}: {
  caseKey: string;
  caseNumber: string;
  warranty?: WarrantyInputs;
  initialKind?: DispositionKind;
  onClose: () => void;
}) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposeValues>();
  const propose = useProposeDisposition(caseKey);
  const factLabel = useFactLabel();
  const kind = Form.useWatch('kind', form) ?? initialKind;
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (v: ProposeValues) => {
    setProblem(null);
    try {
      const d = await propose.mutateAsync(toProposeBody(v, warranty));
      message.success(t('propose.done', { number: d.number }));
      onClose();
    } catch (e) {
      const { shown, rest } = placeFieldErrors(form, e, nameFor);
      if (shown > 0 && rest.length === 0) return;
      setProblem(dispositionProblem(t, e, { fieldLabel: (field) => factLabel(field, v.kind) }));
    }
  };

  const warrantyText = [
    warranty?.faultCode?.trim() ? t('propose.faultCode', { code: warranty.faultCode.trim() }) : null,
    warranty?.price !== undefined && warranty?.price !== null ? t('propose.price', { price: warranty.price }) : null,
  ]
    .filter(Boolean)
    .join(t('listSeparator'));

  return (
    <Modal
      open
      title={t('propose.title', { number: caseNumber })}
      okText={t('propose.ok')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={propose.isPending}
      destroyOnHidden
      width={760}
    >
      <Form<ProposeValues>
        form={form}
        name="propose-disposition"
        layout="vertical"
        initialValues={{ kind: initialKind, attachWarranty: false, details: { where: 'factory', quantity: 1, parts: [{ quantity: 1 }] } }}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('propose.kind')}>
          <Radio.Group
            aria-label={t('propose.kind')}
            optionType="button"
            buttonStyle="solid"
            style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
            options={DISPOSITION_KINDS.map((k) => ({ value: k, label: t(`common:enums.dispositionKind.${k}`) }))}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t(`propose.hint.${kind}`)}
        </Typography.Paragraph>
        <DetailsFields key={kind} kind={kind} names={factsOf(kind, 'plan')} required={REQUIRED_AT_PROPOSAL[kind] ?? []} />
        <Form.Item name="note" label={t('propose.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('propose.approvalHint')}</Typography.Paragraph>
        <Form.Item name="attachWarranty" valuePropName="checked" extra={warrantyText || t('propose.attachWarrantyHint')}>
          <Checkbox>{t('propose.attachWarranty')}</Checkbox>
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} />}
      </Form>
    </Modal>
  );
}
