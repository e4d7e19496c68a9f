/**
 * Prediction bodies parsed and validated on worker threads, so that two cores share the ingest: JSON.parse
 * and validation were ~8 of the ~13 ms a 1,000-record batch held the engine thread (bench/README.md,
 * "Engine"). Small bodies stay inline: a thread hop costs more than parsing them.
 *
 * The worker file is the compiled sibling (dist/engine/ingest-worker.js). Run from TypeScript sources
 * (vitest) there is none, and every body is prepared inline: same outcome, one core. The threaded path is
 * tested on a build of the engine folder (test/engine/ingest-workers.test.ts).
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IngestJob, IngestReply } from './ingest-worker.js';
import { type PreparedBatch, preparePredictions } from './prepare-batch.js';

/** The compiled worker entry next to this module. */
const INGEST_WORKER_URL = new URL('./ingest-worker.js', import.meta.url);

/** Bodies below this many bytes are prepared inline (about 35 records of the benchmark's shape). */
export const INLINE_BELOW_BYTES = 16 * 1024;

/**
 * A thread's young generation. Every parsed record dies with its batch, so a small one suffices; V8's
 * default let each thread's heap grow by ~45 MB (1M records ingested: engine RSS 561 MB with the default,
 * 490 MB with 8, 465 MB with no threads; 4 MB cost a third more CPU in garbage collection).
 */
const YOUNG_GENERATION_MB = 8;

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (b: PreparedBatch) => void; reject: (e: Error) => void }>;
}

/** Up to `size` threads, started on first use, unref'd so that they never keep the process alive. */
export class IngestWorkers {
  readonly #threads: Thread[] = [];
  readonly #available: boolean;
  #job = 0;
  #closed = false;

  constructor(
    readonly size = 2,
    readonly url: URL = INGEST_WORKER_URL,
  ) {
    this.#available = size > 0 && url.protocol === 'file:' && existsSync(fileURLToPath(url));
  }

  /**
   * Prepares a prediction body (UTF-8 bytes, or text): on the least busy thread, or inline when it is small
   * or threads are off. The body is copied to the thread, not transferred: once an ArrayBuffer of this
   * isolate has been detached, V8's typed-array code checks for detachment from then on, and the
   * evaluation runs here (bench/README.md, "Engine"); copying 0.4 MB costs ~0.1 ms.
   */
  prepare(body: Uint8Array | string, contentType: string | undefined, receivedAt: number) {
    const size = typeof body === 'string' ? body.length : body.byteLength;
    if (!this.#available || this.#closed || size < INLINE_BELOW_BYTES) {
      return Promise.resolve(preparePredictions(body, contentType, receivedAt));
    }
    const thread = this.#pick();
    const job = this.#job++;
    return new Promise<PreparedBatch>((resolve, reject) => {
      thread.pending.set(job, { resolve, reject });
      thread.worker.postMessage({ job, body, contentType, receivedAt } satisfies IngestJob);
    });
  }

  /** Ends the threads; jobs still on them fail. Later bodies are prepared inline. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#threads.splice(0).map((t) => t.worker.terminate()));
  }

  #pick(): Thread {
    let best: Thread | undefined;
    for (const t of this.#threads) if (!best || t.pending.size < best.pending.size) best = t;
    if (best && (best.pending.size === 0 || this.#threads.length >= this.size)) return best;
    return this.#start();
  }

  #start(): Thread {
    const worker = new Worker(this.url, {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (reply: IngestReply) => {
      const p = thread.pending.get(reply.job);
      thread.pending.delete(reply.job);
      if ('error' in reply) p?.reject(new Error(`ingest worker: ${reply.error}`));
      else p?.resolve(reply.batch);
    });
    // A dead thread fails its jobs (500s: nothing was applied) and is replaced on the next body.
    const fail = (err: Error) => {
      const at = this.#threads.indexOf(thread);
      if (at >= 0) this.#threads.splice(at, 1);
      for (const p of thread.pending.values()) p.reject(err);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`ingest worker exited with code ${code}`)));
    this.#threads.push(thread);
    return thread;
  }
}
