/** Prediction and actual records: the ingest contract (DESIGN.md "Engine HTTP contract"), validated and normalised. */
import { expected } from './describe-value.js';
import { editDistance } from './edit-distance.js';
import { toEpochMs } from './iso-time.js';
import { Rejections } from './rejections.js';

export { describeValue } from './describe-value.js';
export { toEpochMs } from './iso-time.js';

/** A class label or a regression value, as the model service sends it. */
export type Label = string | number;
/** One feature value; null is a missing value. */
export type FeatureValue = number | string | null;

/** A prediction record after validation: ts in epoch ms, latency in seconds, absent optionals left out. */
export interface PredictionRecord {
  id: string;
  ts: number;
  model?: string;
  asset_class?: string;
  features: Record<string, FeatureValue>;
  /** Absent only on a failed prediction (one with `error`). */
  prediction?: Label;
  confidence?: number;
  latency_seconds?: number;
  /** An error type such as "timeout": the prediction failed. */
  error?: string;
  actual?: Label;
  spread?: number;
  spread_limit?: number;
  /** Requests waiting in the model service's queue when it served this one (with queue_capacity). */
  queue_depth?: number;
  /** The most requests that queue holds. */
  queue_capacity?: number;
}

/** Ground truth for an earlier prediction, matched by id. */
export interface ActualRecord {
  id: string;
  actual: Label;
}

/** Why one field of one record was refused; `index` is the record's position in the batch. */
export interface Rejection {
  index: number;
  field: string;
  reason: string;
  /** The body line, when the body was NDJSON and the line itself was bad. */
  line?: number;
}

/** A whole batch accepted, or refused with every reason (up to the cap): a refused batch changes nothing. */
export type BatchResult<T> = { ok: true; records: T[] } | { ok: false; error: string; rejected: Rejection[] };

/** Accepted predictions, with the source text of those that normalisation left as they were. */
export type PredictionBatch = BatchResult<PredictionRecord> & {
  /** `verbatim[i]` parses to exactly `records[i]` (given `lines`); undefined where normalisation changed it. */
  verbatim?: (string | undefined)[];
};

/** What validation needs from the outside: the receive time and an id generator. */
export interface ValidateOptions {
  /** Epoch ms; the ts of records that carry none. */
  receivedAt: number;
  /** Called once per accepted record without an id, only when the whole batch is accepted. */
  idGen: () => string;
  /** Rejections listed in full; more are counted in `error`. Default 100. */
  maxRejections?: number;
  /** Each item's source text (parseBody's NDJSON `lines`), to fill `verbatim`. */
  lines?: readonly string[];
}

/** Longest id, model and asset_class: they become Prometheus label values and map keys. */
export const MAX_TEXT = 256;
/** Longest string feature value. */
export const MAX_FEATURE_TEXT = 1024;
/** Most features a record may carry. */
export const MAX_FEATURES = 1000;

/** A field's check: undefined when the value is fine, else why not. */
export type Rule = (v: unknown) => string | undefined;

function numberRule(what: string, min?: number, max?: number): Rule {
  return (v) => {
    if (typeof v !== 'number') return expected(what, v);
    // JSON.parse turns 1e400 into Infinity; NaN/Infinity would poison every mean and histogram downstream.
    if (!Number.isFinite(v)) return `expected a finite number, got ${v}`;
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) return expected(what, v);
    return undefined;
  };
}

function textRule(what: string, max = MAX_TEXT): Rule {
  return (v) => {
    if (typeof v !== 'string' || v.length === 0) return expected(what, v);
    if (v.length > max) return `too long: ${v.length} characters, at most ${max}`;
    return undefined;
  };
}

// The rules are made once here, not per value: they run for several fields of every record.
const idText = textRule('a non-empty string or a whole number');
const idRule: Rule = (v) => {
  if (typeof v === 'number') {
    // Beyond 2^53 JSON numbers are silently rounded, and the actual would never find its prediction.
    return Number.isSafeInteger(v) ? undefined : expected('a string or a whole number below 2^53', v);
  }
  return idText(v);
};

const labelNumber = numberRule('a finite number');
const labelText = textRule('a string or a number');
const labelRule: Rule = (v) => (typeof v === 'number' ? labelNumber(v) : labelText(v));

const tsRule: Rule = (v) => {
  const ms = toEpochMs(v);
  return typeof ms === 'number' ? undefined : ms.reason;
};

/** A JSON object (not null, not an array). */
export function isRecordObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownField(key: string, known: readonly string[]): string {
  // Typos such as "confidance" would otherwise drop data silently; a 400 that names the field is fixed in a minute.
  const near = known.find((k) => k.startsWith(key) || editDistance(k, key) <= 2);
  return `unknown field${near ? `; did you mean "${near}"?` : ''} (allowed: ${known.join(', ')})`;
}

const errorText = textRule('an error type string such as "timeout"');

/** The top-level fields of a prediction and their rules; null counts as absent. */
export const PREDICTION_RULES: Readonly<Record<string, Rule>> = {
  id: idRule,
  ts: tsRule,
  model: textRule('a non-empty string'),
  asset_class: textRule('a non-empty string'),
  prediction: labelRule,
  confidence: numberRule('a number from 0 to 1', 0, 1),
  latency_seconds: numberRule('a number >= 0', 0),
  latency_ms: numberRule('a number >= 0', 0),
  // '' means success, as the monitor's operational metrics read it.
  error: (v) => (v === '' ? undefined : errorText(v)),
  actual: labelRule,
  spread: numberRule('a number'),
  spread_limit: numberRule('a number >= 0', 0),
  // The service's request queue as it served this record; the engine's queue utilization is the newest
  // record's depth / capacity (README "Engine HTTP contract"). Both or neither: checked in checkPrediction.
  queue_depth: numberRule('a number >= 0', 0),
  queue_capacity: (v) =>
    typeof v === 'number' && v > 0 && Number.isFinite(v) ? undefined : expected('a number > 0', v),
  features: (v) => (isRecordObject(v) ? undefined : expected('an object of feature values', v)),
};
const ACTUAL_RULES: Readonly<Record<string, Rule>> = { id: idRule, actual: labelRule };

/** Checks the shape every record shares: an object, known fields only, each field's rule, the required ones. */
function checkObject(
  raw: unknown,
  index: number,
  rej: Rejections,
  rules: Readonly<Record<string, Rule>>,
  required: readonly string[],
): raw is Record<string, unknown> {
  if (!isRecordObject(raw)) {
    rej.add(index, '', expected(`a record object with ${required.join(', ')}`, raw));
    return false;
  }
  for (const key of Object.keys(raw))
    if (!Object.hasOwn(rules, key)) rej.add(index, key, unknownField(key, Object.keys(rules)));
  for (const field in rules) {
    const v = raw[field];
    const reason =
      v === undefined || v === null ? (required.includes(field) ? 'required' : undefined) : rules[field]!(v);
    if (reason) rej.add(index, field, reason);
  }
  return true;
}

function checkFeatureValues(v: Record<string, unknown>, index: number, rej: Rejections): void {
  const names = Object.keys(v);
  if (names.length > MAX_FEATURES)
    rej.add(index, 'features', `${names.length} features, at most ${MAX_FEATURES}`);
  // The field name is built only for a rejection: per feature per record it was a measurable cost.
  for (const name of names) {
    const x = v[name];
    if (name.length === 0 || name.length > MAX_TEXT)
      rej.add(index, `features.${name}`, 'feature names are 1 to 256 characters');
    else if (typeof x === 'number') {
      if (!Number.isFinite(x))
        rej.add(index, `features.${name}`, `expected a finite number or null, got ${x}`);
    } else if (typeof x === 'string') {
      if (x.length > MAX_FEATURE_TEXT)
        rej.add(index, `features.${name}`, `too long: ${x.length} characters, at most 1024`);
    } else if (x !== null) rej.add(index, `features.${name}`, expected('a number, a string or null', x));
  }
}

function checkPrediction(raw: unknown, index: number, rej: Rejections): PredictionRecord | undefined {
  const before = rej.total;
  if (!checkObject(raw, index, rej, PREDICTION_RULES, ['features'])) return undefined;
  if (isRecordObject(raw.features)) checkFeatureValues(raw.features, index, rej);
  const failed = typeof raw.error === 'string' && raw.error !== '';
  if ((raw.prediction === undefined || raw.prediction === null) && !failed) {
    rej.add(index, 'prediction', 'required (only a record with an error may leave it out)');
  }
  const secs = raw.latency_seconds;
  const ms = raw.latency_ms;
  // Both given and different is a unit bug upstream; picking one silently would hide it.
  if (
    typeof secs === 'number' &&
    typeof ms === 'number' &&
    Math.abs(secs - ms / 1000) > 1e-9 * Math.max(1, secs)
  ) {
    rej.add(index, 'latency_ms', `disagrees with latency_seconds (${ms} ms vs ${secs} s); send one of them`);
  }
  const queueProblem = queueFieldsProblem(raw);
  if (queueProblem) rej.add(index, queueProblem.field, queueProblem.reason);
  if (rej.total > before) return undefined;
  return normalise(raw);
}

/**
 * queue_depth and queue_capacity only mean something together, and a depth beyond the capacity is a bug
 * upstream; undefined when the pair is fine (or absent). The fast path (plain-record.ts) asks the same.
 */
export function queueFieldsProblem(
  raw: Record<string, unknown>,
): { field: string; reason: string } | undefined {
  const depth = raw.queue_depth ?? undefined;
  const capacity = raw.queue_capacity ?? undefined;
  if (depth === undefined && capacity === undefined) return undefined;
  if (depth === undefined)
    return { field: 'queue_depth', reason: 'required with queue_capacity (send both)' };
  if (capacity === undefined)
    return { field: 'queue_capacity', reason: 'required with queue_depth (send both)' };
  if (typeof depth === 'number' && typeof capacity === 'number' && depth > capacity)
    return { field: 'queue_depth', reason: `${depth} is more than queue_capacity ${capacity}` };
  return undefined;
}

// Copied as they are when present; latency and error are normalised separately.
const PLAIN = [
  'model',
  'asset_class',
  'prediction',
  'confidence',
  'actual',
  'spread',
  'spread_limit',
  'queue_depth',
  'queue_capacity',
] as const;

function normalise(raw: Record<string, unknown>): PredictionRecord {
  const ts = raw.ts === undefined || raw.ts === null ? Number.NaN : (toEpochMs(raw.ts) as number);
  const id = raw.id === undefined || raw.id === null ? '' : String(raw.id);
  const rec: Record<string, unknown> = { id, ts, features: raw.features };
  // Absent fields get no key at all: V8's JSON.stringify runs about twice as fast without undefined values,
  // and the event log stringifies every record.
  for (const k of PLAIN) if (raw[k] !== undefined && raw[k] !== null) rec[k] = raw[k];
  const { latency_seconds: secs, latency_ms: ms } = raw;
  if (typeof secs === 'number') rec.latency_seconds = secs;
  else if (typeof ms === 'number') rec.latency_seconds = ms / 1000;
  if (typeof raw.error === 'string' && raw.error !== '') rec.error = raw.error;
  return rec as unknown as PredictionRecord;
}

/** Validates a batch of prediction records: all accepted and normalised, or every problem listed. */
export function validatePredictions(items: readonly unknown[], opts: ValidateOptions): PredictionBatch {
  const rej = new Rejections(opts.maxRejections ?? 100);
  const records: PredictionRecord[] = [];
  for (let i = 0; i < items.length; i++) {
    const rec = checkPrediction(items[i], i, rej);
    if (rec && rej.total === 0) records.push(rec);
  }
  if (rej.total > 0) return rej.result('prediction', records);
  const { lines } = opts;
  const verbatim = lines ? new Array<string | undefined>(records.length) : undefined;
  records.forEach((r, i) => {
    if (r.id === '') r.id = opts.idGen();
    if (Number.isNaN(r.ts)) r.ts = opts.receivedAt;
    // Re-serialising costs more than parsing and validating together (every double is printed afresh), so a
    // record that arrived already normal is logged as its own source text.
    else if (verbatim && isNormal(items[i] as Record<string, unknown>)) verbatim[i] = lines![i];
  });
  return verbatim ? { ok: true, records, verbatim } : { ok: true, records };
}

/** True when normalising a valid record changes nothing: string id, epoch-ms ts, seconds, no nulls. */
function isNormal(raw: Record<string, unknown>): boolean {
  if (typeof raw.id !== 'string' || typeof raw.ts !== 'number' || raw.latency_ms !== undefined) return false;
  if (raw.error === '') return false;
  for (const k in raw) if (raw[k] === null) return false;
  return true;
}

/** Validates a batch of actuals (`[{id, actual}]`) the same way. */
export function validateActuals(items: readonly unknown[], maxRejections = 100): BatchResult<ActualRecord> {
  const rej = new Rejections(maxRejections);
  const records: ActualRecord[] = [];
  for (let i = 0; i < items.length; i++) {
    const raw = items[i];
    const before = rej.total;
    if (checkObject(raw, i, rej, ACTUAL_RULES, ['id', 'actual']) && rej.total === before) {
      records.push({ id: String(raw.id), actual: raw.actual as Label });
    }
  }
  return rej.result('actuals', records);
}
