import { type CaseView, RESPONSIBILITY_PARTIES, TYPES_NEEDING_RESPONSIBILITY } from '@closeloop/domain';
import { Checkbox, Divider, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { departmentName, useDepartments } from '../intake/lookups.ts';
import type { ActionValues } from './transition.ts';

/** Closing: what was done, whose fault, and whether the customer confirmed (PROCEDURE.md §5, §8). */
export function CloseFields({ c }: { c: CaseView }) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const form = Form.useFormInstance<ActionValues>();
  const party = Form.useWatch(['responsibility', 'party'], form);
  const confirmed = Form.useWatch('customerConfirmed', form);
  const departments = useDepartments();
  const needsResponsibility = TYPES_NEEDING_RESPONSIBILITY.includes(c.type) && !c.responsibility;

  return (
    <>
      <Form.Item name="resolution" label={t('fields.resolution')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} />
      </Form.Item>
      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
        {t('dialog.responsibility')}
      </Divider>
      <Form.Item
        name={['responsibility', 'party']}
        label={t('fields.responsibilityParty')}
        rules={[{ required: needsResponsibility, message: t('rules.party') }]}
      >
        <Radio.Group
          aria-label={t('fields.responsibilityParty')}
          options={RESPONSIBILITY_PARTIES.map((p) => ({ value: p, label: t(`common:enums.responsibilityParty.${p}`) }))}
        />
      </Form.Item>
      {party === 'ours' && (
        <Form.Item
          name={['responsibility', 'departmentId']}
          label={t('fields.responsibilityDepartmentId')}
          rules={[{ required: true, message: t('rules.department') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isLoading}
            options={(departments.data ?? [])
              .filter((d) => d.isActive)
              .map((d) => ({ value: d.id, label: departmentName(d, i18n.language) }))}
          />
        </Form.Item>
      )}
      {(party === 'supplier' || party === 'carrier') && (
        <Form.Item
          name={['responsibility', 'externalParty']}
          label={party === 'supplier' ? t('dialog.supplierName') : t('dialog.carrierName')}
          rules={[{ required: true, whitespace: true, message: t('rules.externalParty') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      )}
      {party && (
        <Form.Item
          name={['responsibility', 'reason']}
          label={t('fields.responsibilityReason')}
          rules={[{ required: true, whitespace: true, message: t('rules.responsibilityReason') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
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
