/**
 * The healthy demo through the engine's own evaluation: simulator records (seeded) into a PredictionWindow
 * of engine.window.max_records, evaluateWindow with the default config and the reference that
 * `mmops simulate --write-reference` writes (5,000 rows: auto picks Wasserstein and Jensen-Shannon).
 * Before calibration, 100-row windows had 4 or more of the 14 features "drifted" almost every time (the
 * demo's "Drift 2/14, then 4/14" in its first 30 s); now no window may raise DataDriftDetected.
 * Consecutive windows of one run, as the engine sees them; few windows, so this is the real path's smoke
 * test, and the rates live in calibration-dataset.test.ts and the benchmark.
 */
import { describe, expect, it } from 'vitest';
import { METRIC, rulesFromConfig } from '../../../src/alerting/index.js';
import { PredictionWindow } from '../../../src/engine/index.js';
import { demoRecords, demoReference, evaluateDemoWindow } from '../../engine/helpers/demo-window.js';
import { testConfig } from '../../engine/helpers/engine.js';

const config = testConfig();
const rules = rulesFromConfig(config);
const reference = demoReference();
const SKIP = 2048; // one pass over the simulator's instruments, as a demo that has run a while

describe('the healthy demo, evaluated by the engine', () => {
  it.each([
    [config.drift.min_rows, 12],
    [300, 6],
    [1000, 3],
    [config.engine.window.max_records, 2],
  ])('windows of %i records (%i of them): no DataDriftDetected', async (n, count) => {
    const all = demoRecords(n * count, 11, SKIP);
    for (let k = 0; k < count; k++) {
      const window = new PredictionWindow({
        maxRecords: config.engine.window.max_records,
        maxAgeMs: 3_600_000,
      });
      const part = all.slice(k * n, (k + 1) * n);
      window.add(part);
      const now = part[part.length - 1]!.ts;
      const ev = await evaluateDemoWindow(window, now, { config, rules, reference });
      const drift = ev.report.drift!;
      expect(drift.columns).toHaveLength(14);
      // Each feature is judged at alpha / 14: a lone chance drift may happen, never a quarter of them.
      expect(ev.values[METRIC.driftShare]).toBeLessThan(config.drift.warning_share);
      expect(ev.report.status.breaches.map((b) => b.alert)).not.toContain('DataDriftDetected');
    }
  });
});
