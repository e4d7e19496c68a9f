/** The demo's switchable faults, and pure functions that apply them to a freshly generated record. */
import { FEATURE_NAMES, type Features } from './features.js';
import { ACTIONS, type ErrorType, latencyFor, pickErrorType } from './model.js';
import type { Rng } from './rng.js';
import type { Generated, SimRecord } from './types.js';
import { round } from './universe.js';

/** The faults `mmops simulate --fault` accepts. */
export const FAULT_NAMES = [
  'drift',
  'latency',
  'errors',
  'quality',
  'accuracy',
  'memory',
  'spread',
  'stall',
  'queue',
  'cpu',
  'engine',
  'bias',
] as const;
/** One fault. */
export type FaultName = (typeof FAULT_NAMES)[number];
/** Which faults are on. */
export type FaultSet = Record<FaultName, boolean>;

/** True when `name` is a fault name. */
export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

/** A fault set with the named faults on and the rest off. */
export function faultSet(...on: readonly FaultName[]): FaultSet {
  return Object.fromEntries(FAULT_NAMES.map((f) => [f, on.includes(f)])) as FaultSet;
}

/** The names of the faults that are on, in FAULT_NAMES order. */
export function activeFaults(faults: Readonly<FaultSet>): FaultName[] {
  return FAULT_NAMES.filter((f) => faults[f]);
}

// Levels chosen to cross the market-maker "critical" column with a margin (see test/sim/faults.test.ts).
const BURST_ERROR_RATE = 0.2; // critical: error rate > 10 %
const BURST_WEIGHTS: Readonly<Record<ErrorType, number>> = {
  model_error: 0.85,
  timeout: 0.1,
  invalid_input: 0.05,
};
const SLOW_MEDIAN_S = 0.4; // critical: p95 > 250 ms; lognormal p95 is 0.4 * 1.78 = 0.71 s
const RANDOM_SHARE = 0.7; // accuracy 0.3 * 0.89 + 0.7 / 3 = 0.5; critical: < 0.75
const MISSING_SHARE = 0.15;
const DUPLICATE_CHANCE = 0.11; // 0.11 / 1.11 = 10 % of the records sent are copies
const PRICE_SHIFT = 1.25;
const WIDE_SHARE = 0.35; // critical: spread compliance < 80 %; 0.95 * 0.65 = 62 % within the limit
const WIDE_BY = 1.6; // a wide quote: 1.6 times its limit
const STALL_KEEP = 0.1; // critical: throughput < 5/s; the demo's 20/s falls to about 2/s
// Bias: the share of predictions turned into an overconfident "buy". The class-share PSI of the whole window
// is about 0.7 and the confidence PSI above 1 (test/sim/faults.test.ts), far past the 0.2 critical level,
// so a 90 s demo window crosses 0.1 within about 30 s of the fault starting.
const BIAS_SHARE = 0.8;

/** Drift: a volatility shock. Several features shift and widen far past 1 reference standard deviation. */
function drift(features: Features, rng: Rng): Features {
  const out = { ...features };
  const scale = (name: keyof Features, by: number, digits: number, plus = 0) => {
    const v = out[name];
    if (typeof v === 'number') out[name] = round(v * by + plus, digits);
  };
  for (const p of ['open', 'high', 'low', 'close'] as const) scale(p, PRICE_SHIFT, 4);
  scale('return_1', 3, 6);
  scale('volatility_10', 3, 6);
  scale('hl_range', 3, 6);
  scale('spread_bps', 2.5, 3, 2);
  if (typeof out.volume === 'number') out.volume = Math.round(out.volume * 3);
  if (typeof out.rsi_14 === 'number') out.rsi_14 = round(Math.min(100, out.rsi_14 + 20), 3);
  if (out.regime === 'calm' && rng.chance(0.6)) out.regime = 'volatile';
  return out;
}

function fail(record: SimRecord, error: ErrorType, z: number): SimRecord {
  const { prediction: _p, confidence: _c, spread: _s, spread_limit: _l, ...rest } = record;
  return { ...rest, error, latency_seconds: latencyFor(error, z) };
}

/**
 * Applies the active faults to one generated record and returns what the service sends: usually one
 * record, two when the quality fault duplicates it. `memory`, `cpu`, `queue` and `engine` act on the
 * process, the service's request queue and the demo's engine, not on records (memory-ballast.ts,
 * cpu-burn.ts, request-queue.ts, and the demo's onSwitch). Draws come from `rng`, the fault stream, so the market and model streams are
 * the same whichever faults are on.
 */
export function applyFaults(gen: Generated, faults: Readonly<FaultSet>, rng: Rng): Generated[] {
  let record = gen.record;
  if (faults.errors && !record.error && rng.chance(BURST_ERROR_RATE)) {
    record = fail(record, pickErrorType(rng, BURST_WEIGHTS), rng.normal());
  }
  if (faults.latency && !record.error) {
    record = { ...record, latency_seconds: latencyFor(undefined, rng.normal(), SLOW_MEDIAN_S) };
  }
  if (faults.accuracy && record.prediction && rng.chance(RANDOM_SHARE)) {
    record = { ...record, prediction: rng.pick(ACTIONS) };
  }
  if (faults.drift) record = { ...record, features: drift(record.features, rng) };
  // Bias: a broken calibration or post-processing step leans the outputs to "buy" and overstates its
  // confidence (1 - c shrinks to a tenth). The features are untouched: prediction drift fires, feature
  // drift does not.
  if (faults.bias && record.prediction && record.confidence !== undefined && rng.chance(BIAS_SHARE)) {
    record = { ...record, prediction: 'buy', confidence: round(1 - (1 - record.confidence) / 10, 4) };
  }
  if (faults.quality) {
    const features = { ...record.features };
    for (const name of FEATURE_NAMES) if (rng.chance(MISSING_SHARE)) features[name] = null;
    record = { ...record, features };
  }
  // Spread breaches: a market maker quoting wide of the desk's limit (LowSpreadCompliance).
  if (
    faults.spread &&
    record.spread !== undefined &&
    record.spread_limit !== undefined &&
    rng.chance(WIDE_SHARE)
  ) {
    record = { ...record, spread: round(record.spread_limit * WIDE_BY, 3) };
  }
  // A stall: the service serves a tenth of its requests (LowThroughput); the rest are never sent.
  if (faults.stall && !rng.chance(STALL_KEEP)) return [];
  const out: Generated[] = [{ record, actual: gen.actual }];
  // A copy of the record with a fresh id: the same input row fed twice upstream, as df.duplicated() sees it.
  if (faults.quality && rng.chance(DUPLICATE_CHANCE)) {
    out.push({ record: { ...record, id: `${record.id}-dup` }, actual: gen.actual });
  }
  return out;
}
