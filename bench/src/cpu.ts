/**
 * How busy the machine was with work other than the benchmark (Linux /proc only). On a small shared
 * machine another process's test run skews every latency; the bench records this "foreign" CPU per
 * scenario and can wait for a quiet machine first (`--wait-idle`).
 *
 * foreign = all busy CPU (from /proc/stat) − this process − the load agent − PostgreSQL processes.
 * PostgreSQL processes are counted as the bench's own, including those of any other cluster.
 */
import fs from 'node:fs';

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** CPU ticks of this process, of `pids`, and of every process named postgres. */
function ownTicks(pids: readonly number[]): number {
  let ticks = 0;
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return 0;
  }
  const mine = new Set([process.pid, ...pids]);
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      if (!mine.has(Number(e)) && comm !== 'postgres') continue;
      const fields = stat
        .slice(close + 2)
        .split(' ')
        .map(Number);
      ticks += (fields[11] ?? 0) + (fields[12] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

export interface CpuWindow {
  /** Percent of the whole machine (all cores) used by other processes. */
  foreignPercent: number;
  /** Percent of the whole machine used by the bench, its load agent and PostgreSQL. */
  benchPercent: number;
}

/** Start measuring; `stop()` returns the shares since. */
export function cpuWindow(agentPids: () => readonly number[]) {
  const m0 = machineTicks();
  const o0 = ownTicks(agentPids());
  return {
    stop(): CpuWindow | undefined {
      const m1 = machineTicks();
      // Under about a second the tick counts are too coarse to say anything.
      if (!m0 || !m1 || m1.total - m0.total < 200) return undefined;
      const busy = m1.busy - m0.busy;
      const total = m1.total - m0.total;
      // Processes that ended during the window take their ticks with them: never count below zero or above busy.
      const own = Math.min(busy, Math.max(0, ownTicks(agentPids()) - o0));
      const round = (n: number) => Math.round(Math.max(0, n) * 10) / 10;
      return { foreignPercent: round(((busy - own) / total) * 100), benchPercent: round((own / total) * 100) };
    },
  };
}

/** Wait until other processes use less than `maxPercent` of the machine for 5 s in a row, or `maxWaitMs` passed. */
export async function waitForQuiet(agentPids: () => readonly number[], maxPercent: number, maxWaitMs: number, log: (s: string) => void) {
  const until = Date.now() + maxWaitMs;
  let told = false;
  for (;;) {
    const w = cpuWindow(agentPids);
    await new Promise((r) => setTimeout(r, 5000));
    const share = w.stop();
    if (!share || share.foreignPercent < maxPercent) return share;
    if (Date.now() > until) {
      log(`  (machine still busy: other processes use ${share.foreignPercent}% CPU; measuring anyway)`);
      return share;
    }
    if (!told) log(`  waiting for a quiet machine: other processes use ${share.foreignPercent}% CPU…`);
    told = true;
  }
}
