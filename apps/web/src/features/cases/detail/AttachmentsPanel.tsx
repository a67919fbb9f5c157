import { DownloadOutlined, FileOutlined, InboxOutlined } from '@ant-design/icons';
import type { AttachmentView } from '@closeloop/domain';
import { Alert, Button, Empty, Flex, Image, Skeleton, Table, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, useCaseAttachments } from '../api.ts';
import { formatInstant } from './format.ts';

/** Images the browser shows inline (the server sends them `inline`). */
const PREVIEWABLE = /^image\/(jpeg|png|gif|webp|bmp)$/;

export const fileSize = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** 附件: image thumbnails with preview, download links for everything else, drop or paste to add. */
export function AttachmentsPanel({
  caseKey,
  caseId,
  canUpload,
  onUpload,
}: {
  caseKey: string;
  caseId: string;
  canUpload: boolean;
  onUpload: (file: File) => Promise<unknown>;
}) {
  const { t } = useTranslation(['cases', 'common']);
  const list = useCaseAttachments(caseKey);
  const items = list.data ?? [];
  const images = items.filter((a) => PREVIEWABLE.test(a.contentType));
  const others = items.filter((a) => !PREVIEWABLE.test(a.contentType));

  return (
    <>
      {canUpload && (
        <Upload.Dragger
          multiple
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            onUpload(file as File).then(onSuccess, onError);
          }}
          style={{ marginBottom: 16 }}
          aria-label={t('attachments.dropLabel')}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('attachments.dropText')}</p>
          <p className="ant-upload-hint">{t('attachments.dropHint')}</p>
        </Upload.Dragger>
      )}
      {list.isPending && <Skeleton active />}
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={t('common:states.error')}
          action={<Button onClick={() => list.refetch()}>{t('common:states.retry')}</Button>}
        />
      )}
      {list.isSuccess && items.length === 0 && <Empty description={t('attachments.none')} />}
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={12} wrap style={{ marginBottom: 16 }}>
            {images.map((a) => (
              <figure key={a.id} style={{ margin: 0, width: 120 }}>
                <Image
                  src={attachmentUrl(caseId, a.id)}
                  alt={a.filename}
                  width={120}
                  height={120}
                  style={{ objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }}
                />
                <figcaption>
                  <Typography.Text ellipsis={{ tooltip: a.filename }} style={{ fontSize: 12, width: 120 }}>
                    <bdi>{a.filename}</bdi>
                  </Typography.Text>
                </figcaption>
              </figure>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {others.length > 0 && (
        <Table<AttachmentView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={others}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('attachments.file'),
              dataIndex: 'filename',
              render: (name: string, a) => (
                <a href={attachmentUrl(caseId, a.id)} download={name}>
                  <FileOutlined /> <bdi>{name}</bdi>
                </a>
              ),
            },
            { title: t('attachments.size'), dataIndex: 'size', render: (n: number) => fileSize(n), width: 100 },
            { title: t('attachments.uploadedBy'), key: 'by', render: (_, a) => a.uploadedBy?.displayName ?? '—', width: 120 },
            { title: t('attachments.uploadedAt'), dataIndex: 'createdAt', render: (d: string) => formatInstant(d), width: 150 },
            {
              title: t('attachments.download'),
              key: 'dl',
              width: 80,
              render: (_, a) => (
                <a href={attachmentUrl(caseId, a.id)} download={a.filename} aria-label={`${t('attachments.download')} ${a.filename}`}>
                  <DownloadOutlined />
                </a>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
