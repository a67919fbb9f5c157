import { type CaseView, RESPONSIBILITY_PARTIES } from '@closeloop/domain';
import { Alert, Descriptions, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { departmentName, useDepartments } from '../../admin/api.ts';

/** The responsibility decision (责任判定) as form fields under `responsibility`: party, department or external party, reason. */
export function ResponsibilityFields({ required }: { required: boolean }) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const form = Form.useFormInstance();
  const party = Form.useWatch(['responsibility', 'party'], form);
  const departments = useDepartments();

  return (
    <>
      <Form.Item
        name={['responsibility', 'party']}
        label={t('fields.responsibilityParty')}
        rules={[{ required, message: t('rules.party') }]}
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
    </>
  );
}

/**
 * The recorded decision, read-only, for those who may not decide it; when none is recorded yet and
 * one is needed, says who decides it.
 */
export function ResponsibilityView({ r, needed }: { r: CaseView['responsibility']; needed?: boolean }) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const departments = useDepartments();
  if (!r)
    return (
      <Alert
        type={needed ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={needed ? t('responsibility.neededNotAllowed') : t('responsibility.none')}
      />
    );
  return (
    <Descriptions
      size="small"
      column={1}
      style={{ marginBottom: 16 }}
      data-testid="responsibility-view"
      items={[
        { key: 'party', label: t('fields.responsibilityParty'), children: t(`common:enums.responsibilityParty.${r.party}`) },
        ...(r.departmentId
          ? [
              {
                key: 'department',
                label: t('fields.responsibilityDepartmentId'),
                children:
                  departmentName(
                    departments.data?.find((d) => d.id === r.departmentId),
                    i18n.language,
                  ) || '—',
              },
            ]
          : []),
        ...(r.externalParty ? [{ key: 'external', label: t('fields.responsibilityExternalParty'), children: r.externalParty }] : []),
        { key: 'reason', label: t('fields.responsibilityReason'), children: r.reason || '—' },
      ]}
    />
  );
}
