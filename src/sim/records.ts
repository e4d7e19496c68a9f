/** The demo model service's output stream: market tick -> model -> faults -> records with their actuals. */
import { applyFaults, type FaultSet, faultSet } from './faults.js';
import { createMarket } from './market.js';
import { actualOf, MODEL_NAME, predict } from './model.js';
import { createRng } from './rng.js';
import type { Generated, SimRecord } from './types.js';

/** Options of a record source. */
export interface RecordSourceOptions {
  seed: number;
  /** Ids are `<idPrefix>-<n>`; give each run its own prefix so two runs never share an id. */
  idPrefix?: string;
}

/** Produces records one tick at a time; the same seed and the same fault switches give the same records. */
export interface RecordSource {
  /** The records of the next tick at epoch ms `ts` (two when the quality fault duplicates one). */
  next(ts: number, faults?: Readonly<FaultSet>): Generated[];
}

const NO_FAULTS = faultSet();

/** A record source for `seed`. */
export function createRecordSource(opts: RecordSourceOptions): RecordSource {
  const market = createMarket(opts.seed);
  const modelRng = createRng(opts.seed, 2);
  const faultRng = createRng(opts.seed, 3);
  const prefix = opts.idPrefix ?? `sim${opts.seed}`;
  let seq = 0;
  return {
    next(ts, faults = NO_FAULTS) {
      const tick = market.next();
      const out = predict(tick, modelRng);
      const record: SimRecord = {
        id: `${prefix}-${++seq}`,
        ts: new Date(ts).toISOString(),
        model: MODEL_NAME,
        asset_class: tick.instrument.assetClass,
        features: tick.features,
        ...(out.prediction === undefined ? {} : { prediction: out.prediction, confidence: out.confidence }),
        latency_seconds: out.latencySeconds,
        ...(out.error === undefined ? {} : { error: out.error }),
        ...(out.spread === undefined ? {} : { spread: out.spread, spread_limit: out.spreadLimit }),
      };
      return applyFaults({ record, actual: actualOf(tick) }, faults, faultRng);
    },
  };
}

/** `n` records from a fresh source, one per `stepMs` from `startMs`: the test and bench workhorse. */
export function generateRecords(
  n: number,
  opts: RecordSourceOptions & { faults?: Readonly<FaultSet>; startMs?: number; stepMs?: number },
): Generated[] {
  const source = createRecordSource(opts);
  const start = opts.startMs ?? Date.UTC(2026, 0, 5, 14, 30);
  const out: Generated[] = [];
  for (let i = 0; out.length < n; i++) out.push(...source.next(start + i * (opts.stepMs ?? 50), opts.faults));
  return out.slice(0, n);
}
