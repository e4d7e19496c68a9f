/**
 * The demo's first minute: its window grows by 40 records an evaluation (20/s at 2 s) to 1,800 (90 s). Each
 * size on calibration's quarter-octave grid below the simulation cap needed a null simulation per column, a new
 * size every one to three evaluations (0.6-0.8 s of a thread each), and on a quiet host that took the demo past 80 % of its 0.6-core budget: HighCpuUtilization fired with
 * no fault (CI, 2026-12-06). The demo now judges drift from the cap on, where one simulation per column
 * serves every window. Counted here through the engine's own evaluation and the calibration cache.
 */
import { describe, expect, it } from 'vitest';
import { rulesFromConfig } from '../../src/alerting/index.js';
import { demoConfig } from '../../src/cli/demo-run.js';
import { PredictionWindow } from '../../src/engine/index.js';
import { cachedNullCount, SIMULATION_CAP } from '../../src/monitor/drift/calibration/threshold.js';
import { demoRecords, demoReference, evaluateDemoWindow } from '../engine/helpers/demo-window.js';
import { testConfig } from '../engine/helpers/engine.js';

const STEP = 40; // records per evaluation: 20/s at the demo's 2 s
const FULL = 1800; // the demo's 90 s window at 20/s

describe("the demo's window growing to full", () => {
  it('one null simulation per column, none before the cap (drift "too few records" until then)', async () => {
    const config = demoConfig(testConfig());
    const rules = rulesFromConfig(config);
    const reference = demoReference();
    const records = demoRecords(FULL, 5);
    const window = new PredictionWindow({ maxRecords: 5000, maxAgeMs: 3_600_000 });
    const before = cachedNullCount();
    const judged: number[] = [];
    for (let at = STEP; at <= FULL; at += STEP) {
      window.add(records.slice(at - STEP, at));
      const ev = await evaluateDemoWindow(window, records[at - 1]!.ts, { config, rules, reference });
      if (ev.report.drift) judged.push(at);
      else
        expect(ev.report.driftNote).toBe(
          `too few records to judge: ${at} of ${SIMULATION_CAP} (drift.min_rows)`,
        );
    }
    expect(judged[0]).toBe(Math.ceil(SIMULATION_CAP / STEP) * STEP);
    expect(judged.at(-1)).toBe(FULL);
    // 14 features, each one simulation at (cap, cap): the default config's 100 rows would need ~13 sizes each
    expect(cachedNullCount() - before).toBe(14);
  });
});
