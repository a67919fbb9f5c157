import type { CaseView } from '@closeloop/domain';
import { App, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { departmentName, useDepartments, useUsers } from '../../admin/api.ts';
import type { useSaveCase } from './useSaveCase.tsx';

interface Values {
  ownerId?: string | null;
  departmentId?: string | null;
}

/** 指派: choose the owner and the department; a PATCH with the version the page loaded. */
export function AssignDialog({ base, saver, onClose }: { base: CaseView; saver: ReturnType<typeof useSaveCase>; onClose: () => void }) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const { message } = App.useApp();
  const { report } = useApiProblem();
  const [form] = Form.useForm<Values>();
  const users = useUsers();
  const departments = useDepartments();

  const submit = async (v: Values) => {
    const patch: Values = {};
    if ((v.ownerId ?? null) !== (base.owner?.id ?? null)) patch.ownerId = v.ownerId ?? null;
    if ((v.departmentId ?? null) !== base.departmentId) patch.departmentId = v.departmentId ?? null;
    if (!Object.keys(patch).length) return onClose();
    try {
      if (await saver.save(base, patch, onClose)) message.success(t('assign.done', { number: base.number }));
    } catch (e) {
      report(e, form, ['ownerId', 'departmentId']);
    }
  };

  /** Choosing an owner fills in their department when none is chosen yet. */
  const ownerChosen = (id: string | undefined) => {
    const dept = users.data?.find((u) => u.id === id)?.departmentId;
    if (dept && !form.getFieldValue('departmentId')) form.setFieldsValue({ departmentId: dept });
  };

  return (
    <Modal
      open
      title={t('assign.title', { number: base.number })}
      okText={t('assign.ok')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saver.saving}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="assign"
        layout="vertical"
        initialValues={{ ownerId: base.owner?.id, departmentId: base.departmentId ?? undefined }}
        onFinish={submit}
      >
        <Form.Item name="ownerId" label={t('fields.ownerId')}>
          <Select
            allowClear
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            loading={users.isLoading}
            placeholder={t('assign.unassigned')}
            onChange={ownerChosen}
            options={(users.data ?? []).filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('fields.departmentId')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isLoading}
            options={(departments.data ?? [])
              .filter((d) => d.isActive)
              .map((d) => ({ value: d.id, label: departmentName(d, i18n.language) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
