import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, TimePicker, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkingWindow } from '../api.ts';
import { nextWindow, timeText, timeValue } from './time.ts';

interface Props {
  /** What the windows belong to, for the pickers' accessible names ("周一"). */
  label: string;
  value?: WorkingWindow[];
  onChange?: (value: WorkingWindow[]) => void;
  /** Text shown when there are no windows ("休息"). */
  emptyText: string;
  max?: number;
  disabled?: boolean;
}

/** The working windows of one day: a start and end time each, added and removed as needed. A form control. */
export function WindowsEditor({ label, value = [], onChange, emptyText, max = 6, disabled }: Props) {
  const { t } = useTranslation('sla');
  const set = (i: number, patch: Partial<WorkingWindow>) => onChange?.(value.map((w, j) => (j === i ? { ...w, ...patch } : w)));

  return (
    <Flex wrap gap={8} align="center">
      {value.length === 0 && <Typography.Text type="secondary">{emptyText}</Typography.Text>}
      {value.map((w, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: windows have no identity but their position
        <Flex key={i} align="center" gap={4} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '2px 4px' }}>
          <TimePicker
            size="small"
            format="HH:mm"
            minuteStep={5}
            needConfirm={false}
            allowClear={false}
            variant="borderless"
            suffixIcon={null}
            style={{ width: 64 }}
            disabled={disabled}
            aria-label={t('calendars.windowStart', { day: label, n: i + 1 })}
            value={timeValue(w.start)}
            onChange={(d) => d && set(i, { start: timeText(d) })}
          />
          <span aria-hidden>–</span>
          <TimePicker
            size="small"
            format="HH:mm"
            minuteStep={5}
            needConfirm={false}
            allowClear={false}
            variant="borderless"
            suffixIcon={null}
            style={{ width: 64 }}
            disabled={disabled}
            aria-label={t('calendars.windowEnd', { day: label, n: i + 1 })}
            value={timeValue(w.end)}
            onChange={(d) => d && set(i, { end: timeText(d) === '23:59' && w.end === '24:00' ? '24:00' : timeText(d) })}
          />
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            disabled={disabled}
            aria-label={t('calendars.removeWindow', { day: label, n: i + 1 })}
            onClick={() => onChange?.(value.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      {value.length < max && (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          disabled={disabled}
          aria-label={t('calendars.addWindowFor', { day: label })}
          onClick={() => onChange?.([...value, nextWindow(value)])}
        >
          {t('calendars.addWindow')}
        </Button>
      )}
    </Flex>
  );
}
