import { type CaseView, TYPES_NEEDING_RESPONSIBILITY } from '@closeloop/domain';
import { Checkbox, Divider, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ResponsibilityFields, ResponsibilityView } from './ResponsibilityFields.tsx';
import type { ActionValues } from './transition.ts';

/**
 * Closing: what was done, whose fault, and whether the customer confirmed (PROCEDURE.md §5, §8).
 * Only those who may decide responsibility (`responsibility:decide`) get its fields; others see the
 * recorded decision.
 */
export function CloseFields({ c, canDecide }: { c: CaseView; canDecide: boolean }) {
  const { t } = useTranslation(['cases', 'common']);
  const form = Form.useFormInstance<ActionValues>();
  const confirmed = Form.useWatch('customerConfirmed', form);
  const needsResponsibility = TYPES_NEEDING_RESPONSIBILITY.includes(c.type) && !c.responsibility;

  return (
    <>
      <Form.Item name="resolution" label={t('fields.resolution')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} />
      </Form.Item>
      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
        {t('dialog.responsibility')}
      </Divider>
      {canDecide ? (
        <ResponsibilityFields required={needsResponsibility} />
      ) : (
        <ResponsibilityView r={c.responsibility} needed={needsResponsibility} />
      )}
      <Divider titlePlacement="start" plain>
        {t('dialog.confirmation')}
      </Divider>
      <Form.Item name="customerConfirmed" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>{t('fields.customerConfirmed')}</Checkbox>
      </Form.Item>
      {confirmed ? (
        <Form.Item name="confirmationNote" label={t('fields.confirmationNote')}>
          <Input maxLength={2000} placeholder={t('dialog.confirmationNotePlaceholder')} />
        </Form.Item>
      ) : (
        <Form.Item
          name="closeReason"
          label={t('fields.closeReason')}
          rules={[{ required: true, whitespace: true, message: t('rules.closeReason') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      )}
    </>
  );
}
