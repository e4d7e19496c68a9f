/**
 * The ingest fast path's test: is a parsed record one that validation accepts as it is? For such a record
 * `validatePredictions` reports nothing and normalising changes nothing (the record is its own normal form,
 * and its source line is logged verbatim), so the batch can skip both. Anything else, a mistake or merely
 * an unusual form (an ISO ts, a numeric id, latency_ms, a null), fails this test and goes the full way,
 * which gives the exact rejections or normalisation.
 */
import {
  isRecordObject,
  MAX_FEATURE_TEXT,
  MAX_FEATURES,
  MAX_TEXT,
  PREDICTION_RULES,
  type PredictionRecord,
  queueFieldsProblem,
} from './records.js';

/**
 * True when `raw` passes every rule of validatePredictions and is normal (records.ts isNormal): a string
 * id and an epoch-ms ts, no latency_ms, no null field, a non-empty error if any, a prediction unless failed.
 */
export function isPlainRecord(raw: unknown): raw is PredictionRecord {
  if (!isRecordObject(raw)) return false;
  if (typeof raw.id !== 'string' || typeof raw.ts !== 'number' || !isRecordObject(raw.features)) return false;
  for (const key in raw) {
    const v = raw[key];
    if (v === null || key === 'latency_ms' || !Object.hasOwn(PREDICTION_RULES, key)) return false;
    if (PREDICTION_RULES[key]!(v) !== undefined) return false;
  }
  if (raw.prediction === undefined && (typeof raw.error !== 'string' || raw.error === '')) return false;
  if (raw.error === '') return false;
  if ((raw.queue_depth !== undefined || raw.queue_capacity !== undefined) && queueFieldsProblem(raw))
    return false;
  return plainFeatures(raw.features);
}

function plainFeatures(feats: Record<string, unknown>): boolean {
  let n = 0;
  for (const name in feats) {
    if (++n > MAX_FEATURES || name.length === 0 || name.length > MAX_TEXT) return false;
    const x = feats[name];
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) return false;
    } else if (typeof x === 'string') {
      if (x.length > MAX_FEATURE_TEXT) return false;
    } else if (x !== null) return false;
  }
  return true;
}
