import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../../lib/errors.ts';
import { renderServiceMemo } from './pdf.ts';
import type { MemoLocale, MemoRenderOptions, ServiceMemo } from './types.ts';

/**
 * The memo renderer's thread (started by off-thread.ts). Renders one memo at a time and answers
 * `{ id, started }`, then `{ id, pdf }` or `{ id, error }`.
 */
export interface RenderRequest {
  id: number;
  memo: ServiceMemo;
  locale: MemoLocale;
  options: MemoRenderOptions;
}

export type RenderReply =
  | { id: number; started: true }
  | { id: number; pdf: Uint8Array }
  | { id: number; error: { domain: boolean; code: DomainError['code']; message: string; details: DomainError['details'] } };

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');
/** Set to 1 by tests to hold renders after they start (see `holdMemoRenders`). */
const gate = new Int32Array((workerData as { gate: SharedArrayBuffer }).gate);

/** Buffers arrive as plain Uint8Arrays after the structured clone. */
const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

let queue = Promise.resolve();
port.on('message', (job: RenderRequest) => {
  queue = queue.then(async () => {
    port.postMessage({ id: job.id, started: true } satisfies RenderReply);
    while (Atomics.load(gate, 0) === 1) Atomics.wait(gate, 0, 1);
    try {
      const memo = job.memo.signature
        ? { ...job.memo, signature: { ...job.memo.signature, png: asBuffer(job.memo.signature.png) } }
        : job.memo;
      const pdf = await renderServiceMemo(memo, job.locale, job.options);
      port.postMessage({ id: job.id, pdf } satisfies RenderReply);
    } catch (e) {
      const error = e as Error;
      const domain = error instanceof DomainError;
      port.postMessage({
        id: job.id,
        error: {
          domain,
          code: domain ? error.code : 'internal',
          message: error.message,
          details: domain ? error.details : {},
        },
      } satisfies RenderReply);
    }
  });
});
