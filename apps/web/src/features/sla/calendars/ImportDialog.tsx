import { InboxOutlined } from '@ant-design/icons';
import { CALENDAR_IMPORT_FORMATS, type CalendarView } from '@closeloop/domain';
import { Button, Checkbox, Form, Input, Modal, Radio, Result, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiProblem } from '../../../ui/useApiProblem.ts';
import { type ImportResult, useImportCalendar } from '../api.ts';

type Format = (typeof CALENDAR_IMPORT_FORMATS)[number];
interface Values {
  format: Format;
  content: string;
  replace: boolean;
}

/** The format a file's name or content suggests. */
export function guessFormat(name: string, content: string): Format | null {
  if (/\.ics$/i.test(name) || /BEGIN:VCALENDAR/.test(content)) return 'icalendar';
  if (/\.json$/i.test(name) || /^\s*\{/.test(content)) return 'holiday_cn_json';
  return null;
}

/**
 * 导入节假日: a year's file of the holiday-cn dataset (国务院放假安排) or an iCalendar (.ics) export,
 * uploaded or pasted; shows how many days were imported for which years.
 */
export function ImportDialog({ calendar, onClose }: { calendar: CalendarView; onClose: () => void }) {
  const { t } = useTranslation(['sla', 'common']);
  const [form] = Form.useForm<Values>();
  const run = useImportCalendar(calendar.id);
  const { report } = useApiProblem();
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const submit = async (v: Values) => {
    try {
      setResult(await run.mutateAsync({ format: v.format, content: v.content, replace: v.replace }));
    } catch (err) {
      report(err, form, ['format', 'content', 'replace']);
    }
  };

  const readFile = async (file: File) => {
    const text = await file.text();
    setFileName(file.name);
    const format = guessFormat(file.name, text);
    form.setFieldsValue({ content: text, ...(format ? { format } : {}) });
    void form.validateFields(['content']).catch(() => undefined);
    return false as const;
  };

  if (result) {
    return (
      <Modal
        open
        title={t('calendars.import.title', { name: calendar.name })}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose}>
            {t('calendars.import.done')}
          </Button>
        }
      >
        <Result
          status="success"
          title={t('calendars.import.resultTitle', { count: result.imported })}
          subTitle={result.years.length ? t('calendars.import.resultYears', { years: result.years.join(', ') }) : undefined}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      width={640}
      title={t('calendars.import.title', { name: calendar.name })}
      okText={t('calendars.import.ok')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('calendars.import.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        name="calendar-import"
        layout="vertical"
        initialValues={{ format: 'holiday_cn_json', content: '', replace: true }}
        onFinish={submit}
      >
        <Form.Item name="format" label={t('calendars.import.format')}>
          <Radio.Group
            aria-label={t('calendars.import.format')}
            options={CALENDAR_IMPORT_FORMATS.map((f) => ({ value: f, label: t(`calendars.import.formats.${f}`) }))}
          />
        </Form.Item>
        <Upload.Dragger accept=".json,.ics,application/json,text/calendar" maxCount={1} showUploadList={false} beforeUpload={readFile}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{fileName ? t('calendars.import.fileChosen', { name: fileName }) : t('calendars.import.drop')}</p>
          <p className="ant-upload-hint">{t('calendars.import.dropHint')}</p>
        </Upload.Dragger>
        <Form.Item
          name="content"
          label={t('calendars.import.content')}
          style={{ marginTop: 16 }}
          rules={[{ required: true, whitespace: true, message: t('calendars.import.contentRequired') }]}
        >
          <Input.TextArea
            rows={6}
            spellCheck={false}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
            placeholder={t('calendars.import.contentPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="replace" valuePropName="checked" extra={t('calendars.import.replaceHint')}>
          <Checkbox>{t('calendars.import.replace')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
