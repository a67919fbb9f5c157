import { SettingOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { COLUMN_KEYS, DEFAULT_COLUMNS } from './columns.tsx';
import { useSaveColumnChoice } from './preferences.ts';

/** Lets the user pick the visible columns; the choice is saved as a personal preference. */
export function ColumnChooser({ visible }: { visible: readonly string[] }) {
  const { t } = useTranslation(['caseList', 'common']);
  const { message } = App.useApp();
  const save = useSaveColumnChoice();
  const choose = (keys: string[]) =>
    save.mutate(
      COLUMN_KEYS.filter((k) => keys.includes(k)),
      { onError: () => message.error(t('columns.saveFailed')) },
    );
  const content = (
    <Flex vertical gap={8} style={{ minWidth: 180 }}>
      <Typography.Text type="secondary">{t('columns.chooserHint')}</Typography.Text>
      <Checkbox.Group
        aria-label={t('columns.chooser')}
        value={['number', ...visible]}
        onChange={(v) => choose(v as string[])}
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        options={COLUMN_KEYS.map((k) => ({ value: k, label: t(`columns.${k}`), disabled: k === 'number' }))}
      />
      <Button size="small" onClick={() => choose(DEFAULT_COLUMNS)}>
        {t('columns.restore')}
      </Button>
    </Flex>
  );
  return (
    <Popover content={content} title={t('columns.chooser')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>{t('columns.chooser')}</Button>
    </Popover>
  );
}
