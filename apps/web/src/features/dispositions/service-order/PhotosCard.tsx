import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Image } from 'antd';
import { type ChangeEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, useCaseAttachments } from '../../cases/api.ts';
import { useUploadCaseFile } from '../api.ts';
import { dispositionProblem } from '../format.tsx';

/** Photos taken on site: the phone's camera or its gallery, uploaded one by one to the case; the signature is not one of them. */
export function PhotosCard({ caseId, editable }: { caseId: string; editable: boolean }) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const { message } = App.useApp();
  const attachments = useCaseAttachments(caseId);
  const upload = useUploadCaseFile(caseId);
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const photos = (attachments.data ?? []).filter((a) => a.contentType.startsWith('image/') && !a.filename.startsWith('signature-'));

  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    for (const f of files) {
      try {
        await upload.mutateAsync(f);
        message.success(t('serviceOrder.photoUploaded', { name: f.name }));
      } catch (err) {
        message.error(`${f.name}: ${dispositionProblem(t, err)}`);
      }
    }
  };

  return (
    <Card size="small" title={t('serviceOrder.photos')}>
      <Flex gap={8} wrap style={{ marginBottom: photos.length ? 12 : 0 }}>
        <Button
          size="large"
          icon={<CameraOutlined />}
          onClick={() => camera.current?.click()}
          loading={upload.isPending}
          disabled={!editable}
        >
          {t('serviceOrder.takePhoto')}
        </Button>
        <Button size="large" icon={<PictureOutlined />} onClick={() => gallery.current?.click()} disabled={!editable}>
          {t('serviceOrder.choosePhotos')}
        </Button>
        <input
          ref={camera}
          type="file"
          accept="image/*"
          capture="environment"
          style={{ display: 'none' }}
          aria-label={t('serviceOrder.takePhoto')}
          onChange={onFiles}
        />
        <input
          ref={gallery}
          type="file"
          accept="image/*"
          multiple
          style={{ display: 'none' }}
          aria-label={t('serviceOrder.choosePhotos')}
          onChange={onFiles}
        />
      </Flex>
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: 8 }}>
            {photos.map((p) => (
              <Image
                key={p.id}
                src={attachmentUrl(caseId, p.id)}
                alt={p.filename}
                style={{ width: '100%', aspectRatio: '1', objectFit: 'cover', borderRadius: 6 }}
              />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}
