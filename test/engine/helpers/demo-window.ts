/**
 * The healthy demo as the engine sees it, for tests that drive evaluateWindow by hand: the simulator's
 * records, the reference `mmops simulate --write-reference` writes (5,000 rows: auto picks Wasserstein and
 * Jensen-Shannon) and one evaluation with no host sample and no baseline, at the demo's 20 records/s.
 */
import type { rulesFromConfig } from '../../../src/alerting/index.js';
import type { Config } from '../../../src/config/index.js';
import { evaluateWindow, type PredictionWindow } from '../../../src/engine/index.js';
import type { PredictionRecord } from '../../../src/engine/records.js';
import { frameFromRecords, type PreparedReference, prepareReference } from '../../../src/monitor/index.js';
import { generateRecords, referenceRows } from '../../../src/sim/index.js';

/** The demo's reference, prepared as the engine prepares it. */
export function demoReference(): PreparedReference {
  return prepareReference(frameFromRecords([...referenceRows({ rows: 5000 })]).frame);
}

/** `count` simulator records (seeded) after the first `skip`, as the engine stores them. */
export function demoRecords(count: number, seed: number, skip = 0): PredictionRecord[] {
  return generateRecords(skip + count, { seed })
    .slice(skip)
    .map(({ record, actual }) => ({ ...record, ts: Date.parse(record.ts), actual }) as PredictionRecord);
}

/** One evaluation of `window` at `now`, as the engine's scheduler runs it. */
export function evaluateDemoWindow(
  window: PredictionWindow,
  now: number,
  at: { config: Config; rules: ReturnType<typeof rulesFromConfig>; reference: PreparedReference },
) {
  return evaluateWindow({
    columns: window.snapshot(now),
    reference: at.reference,
    config: at.config,
    rules: at.rules,
    system: null,
    baseline: null,
    throughput: 20,
    now,
  });
}
