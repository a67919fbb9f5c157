import { useEffect, useState } from 'react';

/** The current time in ms, refreshed every `intervalMs`; a fixed `now` (tests, snapshots) stops the clock. */
export function useNow(intervalMs = 30_000, fixed?: number): number {
  const [now, setNow] = useState(() => fixed ?? Date.now());
  useEffect(() => {
    if (fixed !== undefined) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, fixed]);
  return fixed ?? now;
}
