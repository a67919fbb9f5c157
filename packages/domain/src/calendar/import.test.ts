import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isWorkingDaySummary, parseHolidayCnJson, parseICalendar } from './import.ts';
import { DayOverride } from './types.ts';

const dataFile = (name: string) => readFileSync(new URL(`./holidays/${name}`, import.meta.url), 'utf8');

describe('holiday-cn JSON', () => {
  it('reads 2025: 28 days off and 5 make-up workdays', () => {
    const r = parseHolidayCnJson(dataFile('holidays-cn-2025.json'));
    expect(r.problems).toEqual([]);
    expect(r.year).toBe(2025);
    expect(r.papers).toEqual(['https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm']);
    expect(r.overrides).toHaveLength(33);
    expect(r.overrides.filter((o) => o.kind === 'off')).toHaveLength(28);
    expect(r.overrides.filter((o) => o.kind === 'working').map((o) => o.date)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
    expect(r.overrides[0]).toEqual({ date: '2025-01-01', kind: 'off', name: '元旦' });
    for (const o of r.overrides) expect(DayOverride.safeParse(o).success).toBe(true);
  });
  it('reads 2026: 33 days off and 6 make-up workdays', () => {
    const r = parseHolidayCnJson(dataFile('holidays-cn-2026.json'));
    expect(r.problems).toEqual([]);
    expect(r.year).toBe(2026);
    expect(r.overrides).toHaveLength(39);
    expect(r.overrides.filter((o) => o.kind === 'off')).toHaveLength(33);
    expect(r.overrides.filter((o) => o.kind === 'working').map((o) => o.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(r.overrides.find((o) => o.date === '2026-09-25')).toEqual({ date: '2026-09-25', kind: 'off', name: '中秋节' });
  });
  it('reports text that is not JSON', () => {
    const r = parseHolidayCnJson('{"year": 2025, "days": [');
    expect(r.overrides).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ where: '' });
    expect(r.problems[0]?.message).toMatch(/^not JSON/);
  });
  it('reports a file of another shape by field', () => {
    expect(parseHolidayCnJson('[]').problems[0]?.where).toBe('');
    const r = parseHolidayCnJson(JSON.stringify({ year: '2025', dates: [] }));
    expect(r.overrides).toEqual([]);
    expect(r.problems.map((p) => p.where)).toEqual(['year', 'days']);
  });
  it('names the entry and field of a bad day, keeps the good ones sorted and notes conflicts', () => {
    const r = parseHolidayCnJson(
      JSON.stringify({
        year: 2025,
        papers: [],
        days: [
          { name: '国庆节', date: '2025-10-02', isOffDay: true },
          { name: '国庆节', date: '2025-02-30', isOffDay: true },
          { name: '国庆节', date: '2025-10-03', isOffDay: 'yes' },
          { date: '2025-10-04', isOffDay: true },
          'oops',
          { name: '国庆节', date: '2025-10-01', isOffDay: true },
          { name: '调休', date: '2025-10-02', isOffDay: false },
        ],
      }),
    );
    expect(r.problems.map((p) => p.where)).toEqual(['days[1].date', 'days[2].isOffDay', 'days[3].name', 'days[4]', 'days[6]']);
    expect(r.problems[4]?.message).toMatch(/2025-10-02 is listed as both off and working/);
    expect(r.overrides).toEqual([
      { date: '2025-10-01', kind: 'off', name: '国庆节' },
      { date: '2025-10-02', kind: 'working', name: '调休' },
    ]);
  });
});

const SAMPLE_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example//Holidays//ZH',
  'BEGIN:VEVENT',
  'UID:national-day-2025',
  'DTSTART;VALUE=DATE:20251001',
  'DTEND;VALUE=DATE:20251009',
  'SUMMARY:国庆节、中秋节\\, 放',
  ' 假',
  'BEGIN:VALARM',
  'ACTION:DISPLAY',
  'SUMMARY:提醒：明天上班',
  'TRIGGER:-PT15H',
  'END:VALARM',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:makeup-1',
  'DTSTART;VALUE=DATE:20250928',
  'SUMMARY:国庆节补班',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:makeup-2',
  'DTSTART;TZID=Asia/Shanghai:20251011T083000',
  'DTEND;TZID=Asia/Shanghai:20251011T173000',
  'SUMMARY:Working day (make-up for National Day)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:new-year',
  'DTSTART:20250101',
  'SUMMARY:New Year\\; public holiday\\nclosed \\\\ office',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:spring-festival',
  'DTSTART;VALUE=DATE:20250128',
  'DURATION:P8D',
  'SUMMARY:Spring Festival',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:no-start',
  'SUMMARY:Broken',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:non-working',
  'DTSTART;VALUE=DATE:20250501',
  'SUMMARY:Non-working day',
  'RRULE:FREQ=YEARLY',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('iCalendar', () => {
  const r = parseICalendar(SAMPLE_ICS);
  const byDate = new Map(r.overrides.map((o) => [o.date, o]));

  it('expands a multi-day holiday with exclusive DTEND and unfolds and unescapes its summary', () => {
    for (let d = 1; d <= 8; d++) {
      expect(byDate.get(`2025-10-0${d}`)).toEqual({ date: `2025-10-0${d}`, kind: 'off', name: '国庆节、中秋节, 放假' });
    }
    expect(byDate.has('2025-10-09')).toBe(false);
  });
  it('makes 补班 and "working day" events working days, taking the date of a date-time', () => {
    expect(byDate.get('2025-09-28')).toEqual({ date: '2025-09-28', kind: 'working', name: '国庆节补班' });
    expect(byDate.get('2025-10-11')).toMatchObject({ kind: 'working', name: 'Working day (make-up for National Day)' });
    expect(byDate.has('2025-10-10')).toBe(false);
    expect(byDate.has('2025-10-12')).toBe(false);
  });
  it('ignores the properties of an alarm inside an event', () => {
    expect(byDate.get('2025-10-01')?.name).not.toMatch(/提醒/);
  });
  it('unescapes backslash, semicolon and newline', () => {
    expect(byDate.get('2025-01-01')?.name).toBe('New Year; public holiday\nclosed \\ office');
  });
  it('honours a DURATION in days', () => {
    expect(r.overrides.filter((o) => o.name === 'Spring Festival').map((o) => o.date)).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
    ]);
  });
  it('reads "non-working day" as a day off', () => {
    expect(byDate.get('2025-05-01')?.kind).toBe('off');
  });
  it('sorts by date and reports what it left out', () => {
    const dates = r.overrides.map((o) => o.date);
    expect(dates).toEqual([...dates].sort());
    expect(r.overrides).toHaveLength(8 + 1 + 1 + 1 + 8 + 1);
    expect(r.problems).toEqual([
      { where: 'line 38', message: 'event without DTSTART; left out' },
      { where: 'line 42', message: 'recurring event: only its first occurrence is imported' },
    ]);
  });
  it('lets the last event on a date win', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20251011',
      'SUMMARY:Holiday',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20251011',
      'SUMMARY:调休上班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const last = parseICalendar(ics);
    expect(last.overrides).toEqual([{ date: '2025-10-11', kind: 'working', name: '调休上班' }]);
    expect(last.problems).toHaveLength(1);
    expect(last.problems[0]?.message).toMatch(/both off and working/);
  });
  it('rejects text that is not iCalendar and notes bad dates', () => {
    expect(parseICalendar('hello').problems).toEqual([{ where: '', message: 'not an iCalendar file: no BEGIN:VCALENDAR' }]);
    const bad = parseICalendar('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20250230\nEND:VEVENT\nEND:VCALENDAR');
    expect(bad.overrides).toEqual([]);
    expect(bad.problems).toEqual([{ where: 'line 2', message: 'DTSTART 20250230 is not a date' }]);
  });
  it('classifies summaries', () => {
    for (const s of ['补班', '上班', '调休上班', 'Workday', 'make-up working day', 'Work day']) expect(isWorkingDaySummary(s)).toBe(true);
    for (const s of ['国庆节', '休息', 'Holiday', 'Non-working day', 'Labour Day']) expect(isWorkingDaySummary(s)).toBe(false);
  });
});
