import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

/** 在保 / 过保 with the warranty end; `under` comes from the server when known, else from today's date. */
export function WarrantyTag({ warrantyEnd, under }: { warrantyEnd: string | null; under?: boolean | null | undefined }) {
  const { t } = useTranslation('cases');
  if (!warrantyEnd) return <Tag>{t('warranty.unknown')}</Tag>;
  const inWarranty = under ?? warrantyEnd >= dayjs().format('YYYY-MM-DD');
  return inWarranty ? (
    <Tag color="success" icon={<SafetyCertificateOutlined />}>
      {t('warranty.under', { date: warrantyEnd })}
    </Tag>
  ) : (
    <Tag color="error" icon={<WarningOutlined />}>
      {t('warranty.expired', { date: warrantyEnd })}
    </Tag>
  );
}
