import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, type InputRef, Modal, Space } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewApiToken } from './api.ts';

/** Shows a new token's secret, once. It can only be closed by the explicit button, not by a stray click or Esc. */
export function TokenSecretModal({ token, onClose }: { token: NewApiToken; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const field = useRef<InputRef>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      void message.success(t('tokens.copied'));
    } catch {
      field.current?.select();
      void message.warning(t('tokens.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={t('tokens.secretTitle')}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.done')}
        </Button>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('tokens.secretWarning')} />
        <label htmlFor="token-secret">{t('tokens.secretLabel', { name: token.name })}</label>
        <Input
          id="token-secret"
          ref={field}
          readOnly
          value={token.token}
          style={{ fontFamily: 'monospace' }}
          onFocus={(e) => e.target.select()}
          data-testid="token-secret"
        />
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('tokens.copy')}
        </Button>
      </Space>
    </Modal>
  );
}
