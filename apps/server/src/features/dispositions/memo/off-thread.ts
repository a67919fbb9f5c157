import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../../lib/errors.ts';
import type { MemoLocale, MemoRenderOptions, ServiceMemo } from './types.ts';
import type { RenderReply, RenderRequest } from './worker.ts';

/**
 * Memos are rendered on a worker thread: laying out a page and embedding fonts and the signature
 * takes 0.2–0.6 s of CPU, which on the main thread would stall every other request (the
 * 8000×8000 signature stalled `/api/health` for 9 s). One thread, one render at a time, a render
 * that runs past `RENDER_TIMEOUT_MS` ends the thread; the next render starts a new one.
 */
const RENDER_TIMEOUT_MS = 30_000;

/** Renders started since the process began; tests read it to see the cache at work. */
export const memoRenderStats = { renders: 0 };

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

const gateBuffer = new SharedArrayBuffer(4);
const gate = new Int32Array(gateBuffer);
let startedWaiters: (() => void)[] = [];
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * The worker runs worker.ts through tsx, as the server itself runs (`node --import tsx`);
 * registering tsx inside the thread works under the server and under the test runner alike.
 */
function startWorker(): Worker {
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const w = new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true,
    execArgv: [],
    workerData: { gate: gateBuffer },
  });
  w.unref();
  w.on('message', (reply: RenderReply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    if ('started' in reply) {
      memoRenderStats.renders += 1;
      job.timer = setTimeout(() => {
        fail(
          w,
          new DomainError('internal', `the service memo took longer than ${RENDER_TIMEOUT_MS / 1000} s to render`, {
            extra: { reason: 'memo_render_timeout' },
          }),
        );
      }, RENDER_TIMEOUT_MS);
      job.timer.unref();
      for (const wake of startedWaiters) wake();
      startedWaiters = [];
      return;
    }
    pending.delete(reply.id);
    clearTimeout(job.timer);
    if ('pdf' in reply) job.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    else if (reply.error.domain) job.reject(new DomainError(reply.error.code, reply.error.message, reply.error.details));
    else job.reject(new Error(`rendering the service memo failed: ${reply.error.message}`));
  });
  w.on('error', (error) => fail(w, error));
  w.on('exit', (code) => fail(w, new Error(`the memo renderer stopped (exit code ${code})`)));
  return w;
}

/** Ends the thread and fails everything it held. */
function fail(w: Worker, error: Error) {
  if (worker !== w) return;
  worker = undefined;
  void w.terminate();
  for (const [id, job] of pending) {
    clearTimeout(job.timer);
    job.reject(error);
    pending.delete(id);
  }
}

/** `renderServiceMemo` on the renderer thread. */
export function renderMemoOffThread(memo: ServiceMemo, locale: MemoLocale, options: MemoRenderOptions = {}): Promise<Buffer> {
  worker ??= startWorker();
  const w = worker;
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, memo, locale, options } satisfies RenderRequest);
  });
}

/**
 * For tests: renders that start from now on wait until `release()`. `started` resolves when the
 * first of them has begun on the renderer thread.
 */
export function holdMemoRenders(): { started: Promise<void>; release: () => void } {
  Atomics.store(gate, 0, 1);
  const started = new Promise<void>((resolve) => startedWaiters.push(resolve));
  return {
    started,
    release: () => {
      Atomics.store(gate, 0, 0);
      Atomics.notify(gate, 0);
    },
  };
}
