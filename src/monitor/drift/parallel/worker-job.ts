/**
 * The unit of work a drift worker thread runs: one numeric column, its finite values packed into one
 * transferable buffer. Pure, so the same code runs in a worker and in the calling thread.
 */

import { sortFloat64 } from '../../numeric-sort.js';
import { analyzeNumeric } from '../column-core.js';
import type { ColumnPlan } from '../options.js';
import { type SampleSummary, SortedPair, SortedSample } from '../sorted-pair.js';
import type { ColumnDrift } from '../types.js';

/** A numeric column to analyze: reference values then current values, unsorted, NaN/inf already dropped. */
export interface NumericJob {
  column: string;
  buffer: ArrayBuffer;
  nRef: number;
  nCur: number;
  plan: ColumnPlan;
  /** Set when the reference part comes sorted from a prepared reference, with its known summaries. */
  refSorted?: SampleSummary;
}

/** A worker's answer: the column's result, or the message of the error it threw. */
export type JobReply = { ok: true; result: ColumnDrift } | { ok: false; error: string };

/** What a worker posts back: the reply and the job's buffer, returned for reuse. */
export interface WorkerMessage {
  reply: JobReply;
  buffer: ArrayBuffer;
}

function copyFinite(src: Float64Array, dst: Float64Array, at: number): number {
  let j = at;
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if (Number.isFinite(v)) dst[j++] = v;
  }
  return j - at;
}

function countFinite(a: Float64Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!)) n++;
  return n;
}

/**
 * Packs one column's finite values into `spare` when it is large enough, else into a fresh ArrayBuffer.
 * Transferring the buffer moves it to the worker without a copy, and the worker transfers it back with
 * its reply, so each worker owns one buffer that is reused column after column.
 */
export function packColumn(
  column: string,
  ref: Float64Array | SortedSample,
  cur: Float64Array,
  plan: ColumnPlan,
  spare?: ArrayBuffer,
): NumericJob {
  const sorted = ref instanceof SortedSample ? ref : null;
  const nRef = sorted ? sorted.values.length : countFinite(ref as Float64Array);
  const nCur = countFinite(cur);
  const bytes = (nRef + nCur) * Float64Array.BYTES_PER_ELEMENT;
  const buffer = spare && spare.byteLength >= bytes ? spare : new ArrayBuffer(bytes);
  const all = new Float64Array(buffer, 0, nRef + nCur);
  if (sorted) all.set(sorted.values);
  else copyFinite(ref as Float64Array, all, 0);
  copyFinite(cur, all, nRef);
  return { column, buffer, nRef, nCur, plan, ...(sorted ? { refSorted: sorted.known() } : {}) };
}

/** Sorts both parts of the buffer in place (one sort per sample, none for a sorted reference) and analyzes. */
export function runJob(job: NumericJob): JobReply {
  try {
    const refValues = new Float64Array(job.buffer, 0, job.nRef);
    const ref = job.refSorted
      ? new SortedSample(refValues, job.refSorted)
      : new SortedSample(sortFloat64(refValues));
    const cur = sortFloat64(new Float64Array(job.buffer, job.nRef * 8, job.nCur));
    return { ok: true, result: analyzeNumeric(job.column, job.plan, new SortedPair(ref, cur)) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
