/**
 * `detectDriftParallel`: the same report as `detectDrift`, with numeric columns spread over worker threads.
 *
 * Memory: column by column. For each numeric column the calling thread packs the finite values into an
 * ArrayBuffer and transfers it (no copy) to an idle worker, which sorts it in place and transfers it back
 * with its reply; the next column is packed into the same buffer. So besides the frames there are only
 * `workers` buffers of one column's values each, plus what a method allocates while it runs.
 *
 * The worker file: `new URL('./worker.js', import.meta.url)` is the compiled sibling (dist/monitor/drift/
 * parallel/worker.js). Run from TypeScript sources (vitest), there is no worker.js next to this file and Node 20
 * cannot load a .ts worker, so we compute in the calling thread instead: same results, one core. The
 * parallel path is tested on a build of this folder laid out like dist/ (test/monitor/drift/parallel.test.ts).
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Frame, NumericColumn } from '../../frame/types.js';
import type { ColumnPairing } from '../columns.js';
import { selectColumns } from '../columns.js';
import { driftOfColumn } from '../detect.js';
import type { ColumnPlan } from '../options.js';
import { planFor, resolveOptions } from '../options.js';
import { PreparedReference } from '../prepared-reference.js';
import { summarize } from '../report.js';
import type { ColumnDrift, DriftOptions, DriftReport } from '../types.js';
import { type NumericJob, packColumn, type WorkerMessage } from './worker-job.js';

import { DriftWorkerPool, WORKER_URL } from './worker-pool.js';

export { DriftWorkerPool, WORKER_URL };

/** True when the compiled worker entry exists (false when running from .ts sources). */
export function workerAvailable(url: URL = WORKER_URL): boolean {
  return url.protocol === 'file:' && existsSync(fileURLToPath(url));
}

/** Sends one job and waits for the worker's message; rejects if the worker fails or exits first. */
function request(worker: Worker, job: NumericJob): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (message: WorkerMessage): void => {
      done();
      resolve(message);
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    const onExit = (code: number): void => {
      done();
      reject(new Error(`drift worker exited with code ${code} while analyzing "${job.column}"`));
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job, [job.buffer]);
  });
}

/** One worker's loop: take the next numeric column, pack it into the worker's buffer, send, store the result. */
async function drain(
  worker: Worker,
  queue: number[],
  columns: ColumnPairing[],
  results: ColumnDrift[],
  plan: ColumnPlan,
  prepared: PreparedReference | null,
): Promise<void> {
  let spare: ArrayBuffer | undefined;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const col = columns[next]!;
    if (col.kind !== 'numeric') continue;
    const ref = prepared ? preparedSample(prepared, col.ref) : col.ref.values;
    const { reply, buffer } = await request(worker, packColumn(col.name, ref, col.cur.values, plan, spare));
    if ('error' in reply) throw new Error(reply.error);
    results[next] = reply.result;
    spare = buffer;
  }
}

/**
 * The prepared column with both summaries computed here, once per reference: a worker's copy of the
 * sample is gone after its column, so what it computed would be computed again next time.
 */
function preparedSample(prepared: PreparedReference, column: NumericColumn) {
  const sample = prepared.numeric(column);
  void sample.distinct;
  void sample.std;
  void sample.fingerprint;
  return sample;
}

/**
 * Per-column drift like `detectDrift`, computing numeric columns on `workers` worker threads: that many
 * started for this call and ended after it, or the threads of a DriftWorkerPool (its size), kept warm.
 * `reference` may be a PreparedReference: the workers then sort only the current values.
 */
export async function detectDriftParallel(
  reference: Frame | PreparedReference,
  current: Frame,
  options: DriftOptions = {},
  workers: number | DriftWorkerPool = 2,
): Promise<DriftReport> {
  const prepared = reference instanceof PreparedReference ? reference : null;
  const asked = resolveOptions(options);
  const columns = selectColumns(prepared?.frame ?? (reference as Frame), current, asked.columns);
  const resolved = planFor(asked, columns.length);
  const queue = columns.flatMap((c, i) => (c.kind === 'numeric' ? [i] : []));
  const wanted = typeof workers === 'number' ? workers : workers.size;
  const size = Math.min(Math.max(1, Math.floor(wanted)), queue.length);
  const results: ColumnDrift[] = new Array(columns.length);
  if (size === 0 || !workerAvailable()) {
    columns.forEach((c, i) => {
      results[i] = driftOfColumn(c, resolved, prepared);
    });
    return summarize(results, resolved.datasetShare);
  }
  const kept = typeof workers === 'number' ? null : workers;
  const pool = kept ? kept.acquire(size) : Array.from({ length: size }, () => new Worker(WORKER_URL));
  let ok = false;
  try {
    const drains = pool.map((w) =>
      drain(w, queue, columns, results, resolved, prepared).catch((err: unknown) => {
        queue.length = 0; // stop the other workers after their current column
        throw err;
      }),
    );
    const all = Promise.all(drains);
    all.catch(() => undefined); // awaited below, unless a categorical column throws first
    // Categorical columns are cheap (one hash pass): the calling thread does them while the workers sort.
    try {
      columns.forEach((c, i) => {
        if (c.kind === 'categorical') results[i] = driftOfColumn(c, resolved, prepared);
      });
    } catch (err) {
      queue.length = 0;
      throw err;
    }
    await all;
    ok = true;
  } finally {
    if (kept) await kept.release(pool, ok);
    else await Promise.all(pool.map((w) => w.terminate()));
  }
  return summarize(results, resolved.datasetShare);
}
