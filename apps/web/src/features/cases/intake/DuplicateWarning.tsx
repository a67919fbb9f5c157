import { Alert, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusTag } from '../../../ui/CaseTags.tsx';
import { useCaseList } from '../api.ts';
import type { IntakeValues } from './values.ts';

/** When the customer already has an open case on the same product, say so and link to it. */
export function DuplicateWarning() {
  const { t } = useTranslation('cases');
  const form = Form.useFormInstance<IntakeValues>();
  const customerId = Form.useWatch('customerId', form);
  const productId = Form.useWatch('productId', form);
  const enabled = Boolean(customerId && productId);
  const open = useCaseList({ customerId, productId, status: ['open'], pageSize: 5 }, { enabled });
  const items = enabled ? (open.data?.items ?? []) : [];
  if (!items.length) return null;
  const total = open.data?.total ?? items.length;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('intake.duplicate.title')}
      description={
        <Space orientation="vertical" size={2}>
          <span>{t('intake.duplicate.hint', { count: total })}</span>
          {items.map((c) => (
            <span key={c.id}>
              <Link to={`/cases/${c.number}`} target="_blank">
                {c.number}
              </Link>{' '}
              {c.title} <StatusTag status={c.status} />
            </span>
          ))}
        </Space>
      }
    />
  );
}
