import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { IntakeForm } from './intake/IntakeForm.tsx';

/** 登记案件: register a case while the customer is on the phone. */
export default function IntakePage() {
  const { t } = useTranslation('cases');
  const { user, can } = useSession();
  if (!can('cases:create')) return <Typography.Text type="danger">{t('intake.notAllowed')}</Typography.Text>;
  return (
    <div style={{ maxWidth: 1200, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('intake.title')}
      </Typography.Title>
      <IntakeForm
        me={{ id: user.id, displayName: user.displayName, receivesForOthers: user.permissions.includes('cases:receive_for_others') }}
      />
    </div>
  );
}
