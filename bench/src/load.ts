/**
 * The load generator. It runs in its own process (forked by `startLoadAgent`) so that building,
 * sending and timing requests does not share an event loop with the server under test.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface LoadJob {
  base: string;
  headers: Record<string, string>;
  requests: LoadRequest[];
  concurrency: number;
  /** Stop sending new requests after this long (the ones under way finish). */
  maxMs?: number;
}

export interface LoadResult {
  /** Milliseconds from sending the request to the last byte of the answer, for every answered request. */
  latencies: number[];
  statuses: Record<string, number>;
  /** First few answers that were not 2xx. */
  errors: string[];
  elapsedMs: number;
  /** `total` of the first JSON answer that has one (the list's match count). */
  total?: number;
}

function send(agent: http.Agent, base: URL, headers: Record<string, string>, req: LoadRequest) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const r = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers: {
          ...headers,
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (payload) r.write(payload);
    r.end();
  });
}

export async function runJob(job: LoadJob): Promise<LoadResult> {
  const base = new URL(job.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errors: string[] = [];
  let total: number | undefined;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next;
      next += 1;
      const req = job.requests[i];
      if (!req) return;
      if (job.maxMs !== undefined && latencies.length >= 5 && performance.now() - started > job.maxMs) return;
      const t = performance.now();
      try {
        const res = await send(agent, base, job.headers, req);
        latencies.push(performance.now() - t);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 300 && errors.length < 5) errors.push(`${res.status} ${req.method} ${req.path}: ${res.body.slice(0, 300)}`);
        if (total === undefined && res.status === 200 && req.method === 'GET' && res.body.startsWith('{"items"')) {
          total = (JSON.parse(res.body) as { total?: number }).total;
        }
      } catch (e) {
        statuses.error = (statuses.error ?? 0) + 1;
        if (errors.length < 5) errors.push(`${req.method} ${req.path}: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latencies, statuses, errors, elapsedMs, ...(total === undefined ? {} : { total }) };
}

/** Fork a load-generator process; `run` sends it a job and resolves with the result. */
export function startLoadAgent() {
  const child = fork(fileURLToPath(import.meta.url), ['--agent'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  let pending: { resolve: (r: LoadResult) => void; reject: (e: Error) => void } | undefined;
  child.on('message', (m: LoadResult | { error: string }) => {
    const p = pending;
    pending = undefined;
    if ('error' in m) p?.reject(new Error(m.error));
    else p?.resolve(m);
  });
  child.on('exit', (code) => pending?.reject(new Error(`load agent exited with ${code}`)));
  return {
    pid: child.pid,
    run(job: LoadJob): Promise<LoadResult> {
      if (pending) throw new Error('the load agent runs one job at a time');
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        child.send(job);
      });
    },
    stop() {
      child.disconnect();
    },
  };
}

if (process.argv.includes('--agent') && process.send) {
  process.on('message', (job: LoadJob) => {
    runJob(job).then(
      (r) => process.send?.(r),
      (e: unknown) => process.send?.({ error: (e as Error).stack ?? String(e) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
