import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Formats a wall-clock span in the largest two units: "1 天 2 小时", "3 小时 20 分", "5 分钟" (en: "1 d 2 h", "3 h 20 min"). */
export function useFormatDuration() {
  const { t } = useTranslation('common');
  return useCallback(
    (ms: number): string => {
      const minutes = Math.floor(Math.abs(ms) / 60_000);
      if (minutes < 1) return t('duration.underMinute');
      const d = Math.floor(minutes / 1440);
      const h = Math.floor((minutes % 1440) / 60);
      const m = minutes % 60;
      if (d > 0) return h > 0 ? t('duration.daysHours', { d, h }) : t('duration.days', { d });
      if (h > 0) return m > 0 ? t('duration.hoursMinutes', { h, m }) : t('duration.hours', { h });
      return t('duration.minutes', { m });
    },
    [t],
  );
}
