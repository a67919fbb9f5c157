import { InboxOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';

/** Files chosen, dropped or pasted before the case exists; uploaded one by one after it is created. */
export function PendingFiles({
  files,
  onAdd,
  onRemove,
}: {
  files: UploadFile[];
  onAdd: (file: File) => void;
  onRemove: (uid: string) => void;
}) {
  const { t } = useTranslation('cases');
  return (
    <Upload.Dragger
      multiple
      listType="picture"
      fileList={files}
      beforeUpload={(file) => {
        onAdd(file);
        return Upload.LIST_IGNORE;
      }}
      onRemove={(file) => onRemove(file.uid)}
      aria-label={t('intake.dropLabel')}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('intake.dropText')}</p>
      <p className="ant-upload-hint">{t('intake.dropHint')}</p>
    </Upload.Dragger>
  );
}

let counter = 0;
export function toUploadFile(file: File): UploadFile {
  counter += 1;
  return {
    uid: `pending-${Date.now()}-${counter}`,
    name: file.name,
    size: file.size,
    type: file.type,
    status: 'done',
    originFileObj: file as UploadFile['originFileObj'],
  };
}
