import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';

dayjs.extend(relativeTime);

/** "3 小时前", with the exact date and time on hover (in the user's language, not waiting for the global locale). */
export function RelativeTime({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return null;
  const d = dayjs(value).locale(i18n.language === 'zh-CN' ? 'zh-cn' : 'en');
  const absolute = d.format('YYYY-MM-DD HH:mm');
  return (
    <Tooltip title={absolute}>
      <time dateTime={value} style={{ whiteSpace: 'nowrap' }}>
        {d.fromNow()}
      </time>
    </Tooltip>
  );
}
