/**
 * The window's storage: fixed-size chunks of columns (whole chunks are freed as the window slides), and
 * gathering the kept rows of a set of chunk ranges back into contiguous columns for a snapshot.
 */
import type { CategoricalColumn, Column, NumericColumn } from '../monitor/index.js';
import type { Label } from './records.js';

/** Rows per chunk. */
export const CHUNK = 4096; // rows per chunk: whole chunks are freed as the window slides

/** One feature in one chunk: numbers in a typed array, strings (rare) in a lazily made side array. */
export interface FeatureChunk {
  num: Float64Array;
  str: (string | null)[] | undefined;
  /** Rows where the record had this key (null included): a name is in a snapshot only if a kept row had it. */
  first: number;
  last: number;
}

/** A chunk-sized column of NaN (absent numbers). */
export const nanArray = () => new Float64Array(CHUNK).fill(Number.NaN);
/** A chunk-sized column of null (absent labels). */
export const nullArray = <T>() => new Array<T | null>(CHUNK).fill(null);

/** One chunk: every column for CHUNK consecutive records. */
export class Chunk {
  readonly ts = new Float64Array(CHUNK);
  readonly latency = nanArray();
  readonly confidence = nanArray();
  readonly spread = nanArray();
  readonly spreadLimit = nanArray();
  readonly id = nullArray<string>() as string[];
  readonly model = nullArray<string>();
  readonly assetClass = nullArray<string>();
  readonly prediction = nullArray<Label>();
  readonly actual = nullArray<Label>();
  readonly error = nullArray<string>();
  readonly features = new Map<string, FeatureChunk>();
}

/** Rows lo..hi of a chunk, and which of them the snapshot keeps (all when undefined). */
export type Range = { chunk: Chunk; lo: number; hi: number; keep: Uint8Array | undefined };

/** A feature whose values are dropped: maxFeatures other names were held when it came. */
export const DROPPED = Symbol('dropped');

/** Whether the feature has values in rows lo..hi. */
export const hasRows = (f: FeatureChunk | undefined, lo: number, hi: number) =>
  !!f && f.first < hi && f.last >= lo;

/** The kept rows of a numeric column, contiguous. */
export function gatherNumbers(ranges: Range[], rows: number, pick: (c: Chunk) => Float64Array): Float64Array {
  const out = new Float64Array(rows);
  let k = 0;
  for (const { chunk, lo, hi, keep } of ranges) {
    const src = pick(chunk);
    if (!keep) {
      out.set(src.subarray(lo, hi), k);
      k += hi - lo;
    } else for (let r = lo; r < hi; r++) if (keep[r]) out[k++] = src[r]!;
  }
  return out;
}

/** The kept rows of a list column, contiguous. */
export function gatherList<T>(ranges: Range[], rows: number, pick: (c: Chunk) => T[]): T[] {
  const out = new Array<T>(rows);
  let k = 0;
  for (const { chunk, lo, hi, keep } of ranges) {
    const src = pick(chunk);
    for (let r = lo; r < hi; r++) if (!keep || keep[r]) out[k++] = src[r]!;
  }
  return out;
}

/**
 * A feature as a monitor column: numeric unless strings outnumber numbers. Values of the minority type are
 * counted as `invalid` (type mismatches); in a numeric column they become NaN, in a categorical one text.
 */
export function featureColumn(ranges: Range[], rows: number, name: string): Column {
  const nums = gatherNumbers(ranges, rows, (c) => c.features.get(name)?.num ?? EMPTY);
  const strs = ranges.some((r) => r.chunk.features.get(name)?.str)
    ? gatherList(ranges, rows, (c) => c.features.get(name)?.str ?? NULLS)
    : undefined;
  if (!strs) {
    // Numbers only (the usual case): the scan stops at the first fraction, as nothing else is counted.
    let numbers = false;
    let integral = true;
    for (let i = 0; i < rows && integral; i++) {
      const v = nums[i]!;
      if (Number.isNaN(v)) continue;
      numbers = true;
      integral = Number.isInteger(v);
    }
    const dtype = integral && numbers ? 'int64' : 'float64';
    return { kind: 'numeric', name, dtype, values: nums, invalid: 0 } satisfies NumericColumn;
  }
  let numbers = 0;
  let strings = 0;
  let integral = true;
  for (let i = 0; i < rows; i++) {
    const v = nums[i]!;
    if (!Number.isNaN(v)) {
      numbers++;
      if (integral && !Number.isInteger(v)) integral = false;
    } else if (strs[i] != null) strings++;
  }
  if (strings <= numbers) {
    const dtype = integral && numbers > 0 ? 'int64' : 'float64';
    return { kind: 'numeric', name, dtype, values: nums, invalid: strings } satisfies NumericColumn;
  }
  const values = strs.map((s, i) => s ?? (Number.isNaN(nums[i]!) ? null : String(nums[i])));
  return { kind: 'categorical', name, dtype: 'string', values, invalid: numbers } satisfies CategoricalColumn;
}

const EMPTY = nanArray();
const NULLS = nullArray<string>();
