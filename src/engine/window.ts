/** The current window: the last N records or the last T, held column-wise so a million records stay lean. */

import { type Config, parseDuration } from '../config/index.js';
import type { CategoricalColumn, Column, Frame, NumericColumn } from '../monitor/index.js';
import { type RecordColumns, recordsToColumns } from './record-columns.js';
import type { Label, PredictionRecord } from './records.js';

/** Window bounds and safety caps. */
export interface WindowOptions {
  /** engine.window.max_records */
  maxRecords: number;
  /** engine.window.max_age in ms; age is judged on each record's ts. */
  maxAgeMs: number;
  /** Distinct feature names kept; values of further names are dropped and counted. Default 1024. */
  maxFeatures?: number;
  /** Actuals for ids not (yet) in the window are kept this many; the oldest go first. Default maxRecords. */
  maxPendingActuals?: number;
}

/** The window as columns, in arrival order; NaN (numbers) and null (labels) mean absent. */
export interface WindowColumns {
  rows: number;
  /** Oldest and newest ts, epoch ms; null when empty. */
  from: number | null;
  to: number | null;
  id: string[];
  ts: Float64Array;
  latencySeconds: Float64Array;
  confidence: Float64Array;
  spread: Float64Array;
  spreadLimit: Float64Array;
  model: (string | null)[];
  assetClass: (string | null)[];
  prediction: (Label | null)[];
  actual: (Label | null)[];
  error: (string | null)[];
  /** One monitor column per feature, numeric or categorical, in first-seen order. */
  features: Frame;
}

/** Window options from the engine config. */
export function windowOptions(engine: Config['engine']): WindowOptions {
  return { maxRecords: engine.window.max_records, maxAgeMs: parseDuration(engine.window.max_age) * 1000 };
}

const CHUNK = 4096; // rows per chunk: whole chunks are freed as the window slides

/** One feature in one chunk: numbers in a typed array, strings (rare) in a lazily made side array. */
interface FeatureChunk {
  num: Float64Array;
  str: (string | null)[] | undefined;
  /** Rows where the record had this key (null included): a name is in a snapshot only if a kept row had it. */
  first: number;
  last: number;
}

const nanArray = () => new Float64Array(CHUNK).fill(Number.NaN);
const nullArray = <T>() => new Array<T | null>(CHUNK).fill(null);

class Chunk {
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

type Range = { chunk: Chunk; lo: number; hi: number; keep: Uint8Array | undefined };

/**
 * The sliding window. Memory per record is about 8 bytes per numeric field and feature, 8 per label pointer,
 * plus the id and its index entry: no per-record object. Repeated strings (models, classes, error types,
 * categorical values) are interned through a small cache, so a million "up"/"down" labels share two strings.
 */
export class PredictionWindow {
  private chunks: Chunk[] = [];
  private baseChunk = 0; // chunk number of chunks[0]
  private head = 0; // seq of the oldest record held
  private next = 0; // seq of the next record
  private readonly byId = new Map<string, number>(); // id -> seq of its latest record in the window
  // byId covers the records before this seq. It is brought up to date when an actual needs it, not on every
  // append: a set per record into a map of a million ids was ~2 ms of each 1,000-record batch on the ingest
  // path, and a window that never gets actuals never needs the map.
  private indexed = 0;
  private readonly pending = new Map<string, { actual: Label; at: number }>();
  private featureNames = new Set<string>();
  private interned = new Map<string, string>();
  /** Feature values dropped because maxFeatures distinct names were already held. */
  droppedFeatureValues = 0;

  constructor(private readonly opts: WindowOptions) {}

  /** Records held (before age filtering). */
  get size(): number {
    return this.next - this.head;
  }

  /** Actuals waiting for their prediction. */
  get pendingActuals(): number {
    return this.pending.size;
  }

  /** Appends records in arrival order, evicting the oldest beyond maxRecords. */
  add(records: readonly PredictionRecord[]): void {
    this.addColumns(recordsToColumns(records));
  }

  /** Appends a batch given as columns (every id assigned), as add() would its records. */
  addColumns(b: RecordColumns): void {
    // Each batch feature's column in the current chunk, by feature index; DROPPED when maxFeatures names were
    // already held (each dropped value is counted, as one name cannot become keepable within a batch).
    let cols: (FeatureChunk | typeof DROPPED | undefined)[] = [];
    let chunk: Chunk | undefined;
    let s = 0; // next string value
    // Each distinct label of the batch interned once; rows pick theirs by code.
    const model = b.model.values.map((v) => this.intern(v));
    const assetClass = b.assetClass.values.map((v) => this.intern(v));
    const prediction = b.prediction.values.map((v) => this.intern(v));
    const actual = b.actual.values.map((v) => this.intern(v));
    const error = b.error.values.map((v) => this.intern(v));
    for (let i = 0; i < b.rows; i++) {
      if (this.next % CHUNK === 0) this.chunks.push(new Chunk());
      const c = this.chunks[this.chunks.length - 1]!;
      if (c !== chunk) {
        chunk = c;
        cols = new Array(b.featureNames.length);
      }
      const row = this.next % CHUNK;
      const id = b.id[i]!;
      c.ts[row] = b.ts[i]!;
      c.latency[row] = b.latencySeconds[i]!;
      c.confidence[row] = b.confidence[i]!;
      c.spread[row] = b.spread[i]!;
      c.spreadLimit[row] = b.spreadLimit[i]!;
      c.id[row] = id;
      c.model[row] = model[b.model.codes[i]!]!;
      c.assetClass[row] = assetClass[b.assetClass.codes[i]!]!;
      c.prediction[row] = prediction[b.prediction.codes[i]!]!;
      c.error[row] = error[b.error.codes[i]!]!;
      const early = this.pending.size > 0 ? this.pending.get(id) : undefined;
      if (early) this.pending.delete(id);
      c.actual[row] = actual[b.actual.codes[i]!] ?? this.intern(early?.actual);
      for (let k = b.keyStart[i]!, end = b.keyStart[i + 1]!; k < end; k++) {
        const fi = b.keys[k]!;
        let f = cols[fi];
        if (f === undefined) {
          const name = b.featureNames[fi]!;
          f = c.features.get(name) ?? this.featureChunk(c, row, name) ?? DROPPED;
          cols[fi] = f;
        }
        if (f === DROPPED) {
          this.droppedFeatureValues++;
          if (b.stringAt[s] === k) s++;
          continue;
        }
        f.last = row;
        f.num[row] = b.values[k]!; // NaN for null and strings, as the chunk starts
        if (b.stringAt[s] === k) (f.str ??= nullArray<string>())[row] = this.intern(b.strings[s++]!)!;
      }
      this.next++;
    }
    while (this.size > this.opts.maxRecords) this.evictHead();
  }

  /**
   * Attaches ground truth to the latest record with this id. An actual for an id not in the window is kept
   * for max_age (at most maxPendingActuals, oldest dropped first): the model service may post it before the
   * prediction batch lands. Returns whether it was applied now.
   */
  applyActual(id: string, actual: Label, now: number): boolean {
    this.index();
    const seq = this.byId.get(id);
    if (seq !== undefined) {
      this.chunks[Math.floor(seq / CHUNK) - this.baseChunk]!.actual[seq % CHUNK] = this.intern(actual);
      return true;
    }
    this.pending.delete(id); // re-inserting keeps the map in arrival order
    this.pending.set(id, { actual, at: now });
    const cap = this.opts.maxPendingActuals ?? this.opts.maxRecords;
    for (const oldest of this.pending.keys()) {
      if (this.pending.size <= cap) break;
      this.pending.delete(oldest);
    }
    return false;
  }

  /** Drops records older than max_age from the front, and pending actuals older than max_age. */
  evict(now: number): void {
    const cutoff = now - this.opts.maxAgeMs;
    while (this.size > 0 && this.chunks[0]!.ts[this.head % CHUNK]! < cutoff) this.evictHead();
    for (const [id, p] of this.pending) {
      if (p.at >= cutoff) break;
      this.pending.delete(id);
    }
  }

  /**
   * Evicts by age, then copies the window out as columns (late records older than max_age are left out).
   * `featureNames` limits the feature columns copied: a full copy of a million rows is ~250 bytes a row.
   */
  snapshot(now: number, featureNames?: readonly string[]): WindowColumns {
    this.evict(now);
    const cutoff = now - this.opts.maxAgeMs;
    const ranges: Range[] = [];
    let rows = 0;
    this.chunks.forEach((chunk, i) => {
      const start = (this.baseChunk + i) * CHUNK;
      const lo = Math.max(this.head - start, 0);
      const hi = Math.min(this.next - start, CHUNK);
      let keep: Uint8Array | undefined;
      // Records arrive out of ts order; old ones behind a newer head are filtered here, not evicted.
      for (let r = lo; r < hi; r++) {
        if (chunk.ts[r]! >= cutoff) continue;
        keep ??= new Uint8Array(CHUNK).fill(1, lo, hi);
        keep[r] = 0;
      }
      const n = keep ? keep.reduce((a, b) => a + b, 0) : hi - lo;
      if (n > 0) ranges.push({ chunk, lo, hi, keep });
      rows += n;
    });
    const nums = (pick: (c: Chunk) => Float64Array) => gatherNumbers(ranges, rows, pick);
    const list = <T>(pick: (c: Chunk) => T[]) => gatherList(ranges, rows, pick);
    const ts = nums((c) => c.ts);
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < rows; i++) {
      const t = ts[i]!;
      if (t < from) from = t;
      if (t > to) to = t;
    }
    return {
      rows,
      from: rows > 0 ? from : null,
      to: rows > 0 ? to : null,
      id: list((c) => c.id),
      ts,
      latencySeconds: nums((c) => c.latency),
      confidence: nums((c) => c.confidence),
      spread: nums((c) => c.spread),
      spreadLimit: nums((c) => c.spreadLimit),
      model: list((c) => c.model),
      assetClass: list((c) => c.assetClass),
      prediction: list((c) => c.prediction),
      actual: list((c) => c.actual),
      error: list((c) => c.error),
      features: {
        rows,
        columns: (featureNames ?? [...this.featureNames])
          .filter((name) => ranges.some(({ chunk, lo, hi }) => hasRows(chunk.features.get(name), lo, hi)))
          .map((name) => featureColumn(ranges, rows, name)),
      },
    };
  }

  /** Makes the chunk's column for a new feature; undefined when maxFeatures names are already held. */
  private featureChunk(c: Chunk, row: number, name: string): FeatureChunk | undefined {
    if (!this.featureNames.has(name) && this.featureNames.size >= (this.opts.maxFeatures ?? 1024)) {
      return undefined;
    }
    this.featureNames.add(name);
    const f: FeatureChunk = { num: nanArray(), str: undefined, first: row, last: row };
    c.features.set(name, f);
    return f;
  }

  private evictHead(): void {
    const seq = this.head++;
    const id = this.chunks[0]!.id[seq % CHUNK]!;
    if (seq < this.indexed && this.byId.get(id) === seq) this.byId.delete(id);
    if (this.head % CHUNK !== 0) return;
    this.chunks.shift();
    this.baseChunk++;
    // Forget feature names no chunk holds any more, so churning names cannot exhaust maxFeatures.
    this.featureNames = new Set(this.chunks.flatMap((ch) => [...ch.features.keys()]));
  }

  /** Brings byId up to date: the records appended since the last call, in order (a later one wins). */
  private index(): void {
    for (let seq = Math.max(this.indexed, this.head); seq < this.next; seq++) {
      this.byId.set(this.chunks[Math.floor(seq / CHUNK) - this.baseChunk]!.id[seq % CHUNK]!, seq);
    }
    this.indexed = this.next;
  }

  private intern<T extends Label>(v: T | null | undefined): T | null {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') return v;
    const hit = this.interned.get(v);
    if (hit !== undefined) return hit as T;
    // A bounded cache, not a pool: unique values (free-text errors) cannot grow it without limit.
    if (this.interned.size >= 10_000) this.interned = new Map();
    this.interned.set(v, v);
    return v;
  }
}

/** A feature whose values are dropped: maxFeatures other names were held when it came. */
const DROPPED = Symbol('dropped');

const hasRows = (f: FeatureChunk | undefined, lo: number, hi: number) => !!f && f.first < hi && f.last >= lo;

function gatherNumbers(ranges: Range[], rows: number, pick: (c: Chunk) => Float64Array): Float64Array {
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

function gatherList<T>(ranges: Range[], rows: number, pick: (c: Chunk) => T[]): T[] {
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
function featureColumn(ranges: Range[], rows: number, name: string): Column {
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
