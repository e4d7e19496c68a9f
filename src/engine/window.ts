/** The current window: the last N records or the last T, held column-wise so a million records stay lean. */

import { type Config, parseDuration } from '../config/index.js';
import type { Frame } from '../monitor/index.js';
import { newerQueue, type QueueReport, type RecordColumns, recordsToColumns } from './record-columns.js';
import type { Label, PredictionRecord } from './records.js';
import {
  CHUNK,
  Chunk,
  DROPPED,
  type FeatureChunk,
  featureColumn,
  gatherList,
  gatherNumbers,
  hasRows,
  nanArray,
  nullArray,
  type Range,
} from './window-chunks.js';

/** Window bounds and safety caps. */
export interface WindowOptions {
  /** engine.window.max_records */
  maxRecords: number;
  /** engine.window.max_age in ms; age is judged on each record's ts. */
  maxAgeMs: number;
  /** Distinct feature names kept besides reserved ones; values of further names are dropped and counted. Default 1024. */
  maxFeatures?: number;
  /** How far ahead of the receive time a record's ts may be, in ms (ingest refuses beyond). Default 5 min. */
  maxFutureMs?: number;
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
  /** Feature values dropped since start (a name beyond maxFeatures); the report shows it. */
  droppedFeatureValues: number;
  /** The newest queue report within the snapshot's age; null when no record in it carried one. */
  queue: QueueReport | null;
}

/** Window options from the engine config. */
export function windowOptions(engine: Config['engine']): WindowOptions {
  const w = engine.window;
  return {
    maxRecords: w.max_records,
    maxAgeMs: parseDuration(w.max_age) * 1000,
    maxFutureMs: parseDuration(w.max_future_skew) * 1000,
    maxFeatures: w.max_features,
  };
}

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
  // The reference's feature names: always held, never counted against maxFeatures (issue 17, defect 5: a junk
  // batch of 1,000 names used to take every slot, and a reference feature first seen later was dropped).
  private reserved: ReadonlySet<string> = new Set();
  private interned = new Map<string, string>();
  /** Feature values dropped because maxFeatures distinct names were already held. */
  droppedFeatureValues = 0;
  // Only the newest queue report is kept, not a column: utilization is a reading of now, not a distribution.
  private queue: QueueReport | null = null;

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
    this.queue = newerQueue(this.queue, b.queue);
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
   * `maxAgeMs` below the window's own copies only its recent part (quality's `quality.window`).
   */
  snapshot(now: number, featureNames?: readonly string[], maxAgeMs?: number): WindowColumns {
    this.evict(now);
    const cutoff = now - Math.min(this.opts.maxAgeMs, maxAgeMs ?? Number.POSITIVE_INFINITY);
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
      droppedFeatureValues: this.droppedFeatureValues,
      // an old report says nothing of the queue now: it ages out with the records (a service gone quiet)
      queue: this.queue !== null && this.queue.ts >= cutoff ? this.queue : null,
    };
  }

  /** The window's bounds, for ingest's admission checks. */
  get options(): Readonly<WindowOptions> {
    return this.opts;
  }

  /** Feature names that always have a place (the reference's columns). */
  reserveFeatures(names: Iterable<string>): void {
    this.reserved = new Set(names);
  }

  /** True when `name` is held or reserved: a record using it takes no new place. */
  hasFeature(name: string): boolean {
    return this.featureNames.has(name) || this.reserved.has(name);
  }

  /** Held feature names that count against maxFeatures (the reserved ones do not). */
  get countedFeatures(): number {
    let n = 0;
    for (const name of this.featureNames) if (!this.reserved.has(name)) n++;
    return n;
  }

  /** Makes the chunk's column for a new feature; undefined when maxFeatures names are already held. */
  private featureChunk(c: Chunk, row: number, name: string): FeatureChunk | undefined {
    if (!this.hasFeature(name) && this.countedFeatures >= (this.opts.maxFeatures ?? 1024)) return undefined;
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
