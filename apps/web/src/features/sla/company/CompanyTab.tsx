import type { CompanySettings } from '@closeloop/domain';
import { Alert, App, Button, Form, Input, Select, Skeleton, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { departmentName, useDepartments } from '../../admin/api.ts';
import { useCompanySettings, useSaveCompanySettings } from '../api.ts';
import { provinceOptions } from './provinces.ts';

interface Values {
  companyName: string;
  province?: string | null;
  gmOfficeDepartmentId?: string | null;
  autoAcknowledge: boolean;
}
const FIELDS = ['companyName', 'province', 'gmOfficeDepartmentId', 'autoAcknowledge'];

/** 公司设置: the name in customer e-mails, the home province (local vs. other provinces), the GM office, automatic acknowledgement. */
export function CompanyTab() {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const [form] = Form.useForm<Values>();
  const settings = useCompanySettings();
  const save = useSaveCompanySettings();
  const departments = useDepartments();
  const { message } = App.useApp();
  const { describe, report } = useApiProblem();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const submit = async (v: Values) => {
    const body: CompanySettings = {
      companyName: v.companyName.trim(),
      province: v.province ?? null,
      gmOfficeDepartmentId: v.gmOfficeDepartmentId ?? null,
      autoAcknowledge: v.autoAcknowledge,
    };
    try {
      await save.mutateAsync(body);
      void message.success(t('company.saved'));
    } catch (err) {
      report(err, form, FIELDS);
    }
  };

  if (settings.isPending) return <Skeleton active />;
  if (settings.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={describe(settings.error)}
        action={<Button onClick={() => void settings.refetch()}>{t('common:states.retry')}</Button>}
      />
    );

  return (
    <Form<Values> form={form} name="company" layout="vertical" initialValues={settings.data} onFinish={submit} style={{ maxWidth: 560 }}>
      <Form.Item
        name="companyName"
        label={t('company.companyName')}
        extra={t('company.companyNameHint')}
        rules={[{ required: true, whitespace: true, message: t('company.companyNameRequired') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="province" label={t('company.province')} extra={t('company.provinceHint')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('company.provincePlaceholder')}
          options={provinceOptions(i18n.language)}
        />
      </Form.Item>
      <Form.Item name="gmOfficeDepartmentId" label={t('company.gmOffice')} extra={t('company.gmOfficeHint')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={departments.isPending}
          placeholder={t('company.gmOfficePlaceholder')}
          options={(departments.data ?? [])
            .filter((d) => d.isActive)
            .map((d) => ({ value: d.id, label: departmentName(d, i18n.language) }))}
        />
      </Form.Item>
      <Form.Item
        name="autoAcknowledge"
        label={t('company.autoAcknowledge')}
        valuePropName="checked"
        extra={t('company.autoAcknowledgeHint')}
      >
        <Switch />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('common:actions.save')}
      </Button>
    </Form>
  );
}
