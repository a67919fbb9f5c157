/** Seeded randomness and a working-hours calendar, so the demo data is the same on every run. */

export interface Rng {
  /** In [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** Real number in [min, max). */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K;
}

/** mulberry32: small, fast, and good enough to make data look varied. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <K extends string>(weights: Readonly<Partial<Record<K, number>>>) => {
      const entries = Object.entries(weights) as [K, number][];
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [key, w] of entries) {
        r -= w;
        if (r < 0) return key;
      }
      return (entries.at(-1) as [K, number])[0];
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const DAY_START = 8 * 60 + 30;
const DAY_END = 17 * 60 + 30;

/** Offset of `timeZone` from UTC at `at`, in milliseconds. */
function offsetOf(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

export interface WorkCalendar {
  /** The first moment at or after `t` within working hours (Monday–Friday 08:30–17:30 local). */
  nextWorking(t: number): number;
  /** `t` plus `hours` of working time: nights and weekends do not count. */
  addWorkingHours(t: number, hours: number): number;
  /** The local calendar date, `YYYY-MM-DD`. */
  dateOf(t: number): string;
}

/**
 * Working hours in `timeZone`. One fixed UTC offset (that of `at`) is used throughout: exact for
 * China, at most an hour off across a daylight-saving change elsewhere, which demo data can bear.
 */
export function workCalendar(timeZone: string, at: Date): WorkCalendar {
  const offset = offsetOf(timeZone, at);
  const local = (t: number) => new Date(t + offset);
  const atLocal = (d: Date, dayShift: number, minutes: number) =>
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + dayShift, 0, minutes) - offset;
  const nextWorking = (t: number) => {
    let cur = t;
    for (let i = 0; i < 10; i++) {
      const d = local(cur);
      const weekday = d.getUTCDay();
      const minutes = d.getUTCHours() * 60 + d.getUTCMinutes();
      if (weekday !== 0 && weekday !== 6) {
        if (minutes < DAY_START) return atLocal(d, 0, DAY_START);
        if (minutes < DAY_END) return cur;
      }
      cur = atLocal(d, 1, DAY_START);
    }
    return cur;
  };
  return {
    nextWorking,
    addWorkingHours(t, hours) {
      let left = hours * HOUR;
      let cur = nextWorking(t);
      for (;;) {
        const endOfDay = atLocal(local(cur), 0, DAY_END);
        if (cur + left <= endOfDay) return cur + left;
        left -= endOfDay - cur;
        cur = nextWorking(endOfDay);
      }
    },
    dateOf(t) {
      return local(t).toISOString().slice(0, 10);
    },
  };
}
