/** Latency summaries: nearest-rank percentiles over milliseconds. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export function summarize(latencies: readonly number[]): Summary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.length ? sum / sorted.length : Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Time `fn` `count` times in a row (stopping early after `maxMs`), after `warmup` untimed calls. */
export async function timeCalls(fn: (i: number) => Promise<unknown>, count: number, options: { warmup?: number; maxMs?: number } = {}) {
  for (let i = 0; i < (options.warmup ?? 0); i += 1) await fn(i);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    if (options.maxMs !== undefined && i >= 5 && performance.now() - started > options.maxMs) break;
    const t = performance.now();
    await fn(i);
    latencies.push(performance.now() - t);
  }
  return latencies;
}
