/**
 * Drift worker threads kept from one `detectDriftParallel` call to the next (the engine evaluates every
 * minute). A fresh thread costs ~35 ms to start on a busy 2-core host, and, worse, runs the sort and the
 * methods cold, in V8's interpreter, every time: measured 548 ms a pass with fresh threads against 208 ms
 * on the calling thread alone. Kept threads are JIT-warm after the first pass.
 */

import { Worker } from 'node:worker_threads';

/** The compiled worker entry next to this module. */
export const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Idle threads are unref'd, so a pool never keeps the process alive; close() ends them. */
export class DriftWorkerPool {
  readonly #idle: Worker[] = [];
  #closed = false;

  /** `size` threads at most are kept idle between calls. */
  constructor(
    readonly size = 2,
    readonly url: URL = WORKER_URL,
  ) {}

  /** `n` threads for one call, idle ones first; each holds the process open until released. */
  acquire(n: number): Worker[] {
    const out: Worker[] = [];
    while (out.length < n) out.push(this.#idle.pop() ?? this.#start());
    for (const w of out) w.ref();
    return out;
  }

  /** Returns threads after a call. After a failure they are ended: one may have died or hold a job. */
  async release(workers: Worker[], ok: boolean): Promise<void> {
    const ending: Worker[] = [];
    for (const w of workers) {
      if (ok && !this.#closed && this.#idle.length < this.size) {
        w.unref();
        this.#idle.push(w);
      } else ending.push(w);
    }
    await Promise.all(ending.map((w) => w.terminate()));
  }

  #start(): Worker {
    const w = new Worker(this.url);
    // A job's own listeners report its failures; this keeps an idle thread's from crashing the process.
    w.on('error', () => undefined);
    w.on('exit', () => {
      const at = this.#idle.indexOf(w);
      if (at >= 0) this.#idle.splice(at, 1);
    });
    return w;
  }

  /** Ends the idle threads; later calls start (and end) their own. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#idle.splice(0).map((w) => w.terminate()));
  }
}
