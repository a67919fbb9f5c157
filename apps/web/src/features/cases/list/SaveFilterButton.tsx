import { StarOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { type ListState, savedParamsOf } from './params.ts';
import { type SavedFilter, useSavedFilters, useSaveSavedFilters } from './preferences.ts';

const MAX_SAVED = 30;

/** Saves the current filters and sort under a name, to reopen from the workspace. */
export function SaveFilterButton({ state }: { state: ListState }) {
  const { t } = useTranslation(['caseList', 'common']);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const saved = useSavedFilters();
  const save = useSaveSavedFilters();

  const submit = async ({ name }: { name: string }) => {
    const trimmed = name.trim();
    const others = (saved.data ?? []).filter((f) => f.name !== trimmed);
    if (others.length >= MAX_SAVED) {
      form.setFields([{ name: 'name', errors: [t('saveFilter.tooMany', { max: MAX_SAVED })] }]);
      return;
    }
    const next: SavedFilter[] = [...others, { name: trimmed, params: savedParamsOf(state) }];
    try {
      await save.mutateAsync(next);
      message.success(t('saveFilter.saved', { name: trimmed }));
      setOpen(false);
    } catch (e) {
      message.error(e instanceof ApiError ? (e.problem.detail ?? e.message) : t('common:errors.network'));
    }
  };

  return (
    <>
      <Button
        icon={<StarOutlined />}
        onClick={() => {
          form.resetFields();
          setOpen(true);
        }}
      >
        {t('saveFilter.button')}
      </Button>
      <Modal
        open={open}
        title={t('saveFilter.title')}
        okText={t('common:actions.save')}
        cancelText={t('common:actions.cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="name"
            label={t('saveFilter.name')}
            extra={t('saveFilter.hint')}
            rules={[
              { required: true, whitespace: true, message: t('saveFilter.nameRequired') },
              { max: 60, message: t('saveFilter.nameTooLong', { max: 60 }) },
            ]}
          >
            <Input autoFocus maxLength={60} placeholder={t('saveFilter.namePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
