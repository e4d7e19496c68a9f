/**
 * Validated prediction records as columns: what the window appends, and what an ingest worker thread sends
 * back. Typed arrays cross threads by transfer, without a copy; a batch of record objects would have to be
 * structured-cloned, which costs more than JSON.parse made them (measured: 4.9 vs 3.3 ms for 1,000 records
 * with 20 features).
 */
import type { Label, PredictionRecord } from './records.js';

/** A batch of records, column by column, in batch order; NaN (numbers) and null (labels) mean absent. */
export interface RecordColumns {
  rows: number;
  /** '' where the record had no id: the caller assigns one once the batch is accepted. */
  id: string[];
  ts: Float64Array;
  latencySeconds: Float64Array;
  confidence: Float64Array;
  spread: Float64Array;
  spreadLimit: Float64Array;
  model: LabelColumn<string | null>;
  assetClass: LabelColumn<string | null>;
  prediction: LabelColumn<Label | null>;
  actual: LabelColumn<Label | null>;
  error: LabelColumn<string | null>;
  /** Feature names in the order they first occur in the batch. */
  featureNames: string[];
  /**
   * Record i's feature keys, in its own for-in order, are `keys[keyStart[i] .. keyStart[i + 1])`, as indexes
   * into featureNames. Kept per record because the window files names in first-seen order, key by key.
   */
  keyStart: Int32Array;
  keys: Int32Array;
  /** The value under `keys[k]`: the number, or NaN for null and for a string. */
  values: Float64Array;
  /** The string values: `strings[j]` is under `keys[stringAt[j]]`; stringAt ascends. */
  stringAt: Int32Array;
  strings: string[];
  /** The batch's newest queue report (the record with the latest ts that carries one); null: none did. */
  queue: QueueReport | null;
}

/** The model service's request queue as one record reported it (records.ts queue_depth, queue_capacity). */
export interface QueueReport {
  /** The record's ts, epoch ms. */
  ts: number;
  depth: number;
  capacity: number;
}

/** The newer of two queue reports (by ts; the later one on a tie, as it arrived later). */
export function newerQueue(a: QueueReport | null, b: QueueReport | null): QueueReport | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.ts >= a.ts ? b : a;
}

/**
 * A label column, dictionary-encoded: row i holds `values[codes[i]]`. A batch has few distinct models,
 * classes and labels, so each crosses threads once rather than once a row, and the window interns each once.
 */
export interface LabelColumn<T> {
  /** Distinct values, in first-seen order. */
  values: T[];
  codes: Int32Array;
}

/** Builds a LabelColumn row by row. */
class LabelEncoder<T> {
  readonly #index = new Map<T, number>();
  readonly #column: LabelColumn<T>;
  #last: T | undefined;
  #lastCode = -1;

  constructor(rows: number) {
    this.#column = { values: [], codes: new Int32Array(rows) };
  }

  set(i: number, v: T): void {
    if (this.#lastCode < 0 || v !== this.#last) {
      let code = this.#index.get(v);
      if (code === undefined) {
        code = this.#column.values.length;
        this.#column.values.push(v);
        this.#index.set(v, code);
      }
      this.#last = v;
      this.#lastCode = code;
    }
    this.#column.codes[i] = this.#lastCode;
  }

  get column(): LabelColumn<T> {
    return this.#column;
  }
}

/** The typed arrays of a batch, for a worker's transfer list. */
export function columnBuffers(c: RecordColumns): ArrayBuffer[] {
  const arrays = [c.ts, c.latencySeconds, c.confidence, c.spread, c.spreadLimit];
  const labels = [c.model, c.assetClass, c.prediction, c.actual, c.error].map((l) => l.codes);
  return [...arrays, ...labels, c.keyStart, c.keys, c.values, c.stringAt].map((a) => a.buffer as ArrayBuffer);
}

const numberOr = (v: number | undefined) => (v === undefined ? Number.NaN : v);

/** Packs validated (normalised) records into columns. */
export function recordsToColumns(records: readonly PredictionRecord[]): RecordColumns {
  const rows = records.length;
  let total = 0;
  for (const r of records) for (const _ in r.features) total++;
  // Plain arrays are filled by push, never pre-sized: a holey array crosses threads in V8's sparse format and
  // arrives in dictionary mode, slow to read (measured: the window's append took twice as long).
  const c: RecordColumns = {
    rows,
    id: [],
    ts: new Float64Array(rows),
    latencySeconds: new Float64Array(rows),
    confidence: new Float64Array(rows),
    spread: new Float64Array(rows),
    spreadLimit: new Float64Array(rows),
    model: { values: [], codes: new Int32Array(0) },
    assetClass: { values: [], codes: new Int32Array(0) },
    prediction: { values: [], codes: new Int32Array(0) },
    actual: { values: [], codes: new Int32Array(0) },
    error: { values: [], codes: new Int32Array(0) },
    featureNames: [],
    keyStart: new Int32Array(rows + 1),
    keys: new Int32Array(total),
    values: new Float64Array(total),
    stringAt: new Int32Array(0),
    strings: [],
    queue: null,
  };
  const model = new LabelEncoder<string | null>(rows);
  const assetClass = new LabelEncoder<string | null>(rows);
  const prediction = new LabelEncoder<Label | null>(rows);
  const actual = new LabelEncoder<Label | null>(rows);
  const error = new LabelEncoder<string | null>(rows);
  const index = new Map<string, number>();
  // The previous record's names by key position: records of a batch share one key order, so one string
  // compare (JSON.parse internalizes keys) replaces a Map lookup per feature.
  const seenNames: string[] = [];
  const seenIndex: number[] = [];
  const stringAt: number[] = [];
  let k = 0;
  for (let i = 0; i < rows; i++) {
    const r = records[i]!;
    c.id.push(r.id);
    c.ts[i] = r.ts;
    c.latencySeconds[i] = numberOr(r.latency_seconds);
    c.confidence[i] = numberOr(r.confidence);
    c.spread[i] = numberOr(r.spread);
    c.spreadLimit[i] = numberOr(r.spread_limit);
    model.set(i, r.model ?? null);
    assetClass.set(i, r.asset_class ?? null);
    prediction.set(i, r.prediction ?? null);
    actual.set(i, r.actual ?? null);
    error.set(i, r.error ?? null);
    if (r.queue_depth !== undefined && r.queue_capacity !== undefined)
      c.queue = newerQueue(c.queue, { ts: r.ts, depth: r.queue_depth, capacity: r.queue_capacity });
    c.keyStart[i] = k;
    // feats[name] on the very object for-in walks lets V8 read through its enum cache (see window.ts).
    const feats = r.features;
    let pos = 0;
    for (const name in feats) {
      let f: number | undefined;
      if (seenNames[pos] === name) f = seenIndex[pos]!;
      else {
        f = index.get(name);
        if (f === undefined) {
          f = c.featureNames.length;
          index.set(name, f);
          c.featureNames.push(name);
        }
        seenNames[pos] = name;
        seenIndex[pos] = f;
      }
      pos++;
      const v = feats[name];
      c.keys[k] = f;
      if (typeof v === 'number') c.values[k] = v;
      else {
        c.values[k] = Number.NaN;
        if (typeof v === 'string') {
          stringAt.push(k);
          c.strings.push(v);
        }
      }
      k++;
    }
  }
  c.keyStart[rows] = k;
  c.model = model.column;
  c.assetClass = assetClass.column;
  c.prediction = prediction.column;
  c.actual = actual.column;
  c.error = error.column;
  c.stringAt = Int32Array.from(stringAt);
  return c;
}
