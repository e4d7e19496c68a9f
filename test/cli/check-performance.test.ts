import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mmops } from '../helpers/run-cli.js';

const dir = join(import.meta.dirname, '../fixtures/performance');
const data = join(dir, 'predictions.csv');
// pandas.read_csv + scikit-learn on the same file (scripts/fixtures/gen_performance.py)
const expected = JSON.parse(readFileSync(join(dir, 'predictions.expected.json'), 'utf8'));
const near = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12);

describe('mmops check performance', () => {
  it('--json gives scikit-learn weighted metrics and the confusion matrix', async () => {
    const r = await mmops(['check', 'performance', '--data', data, '--json']);
    const out = JSON.parse(r.stdout);
    for (const k of ['accuracy', 'precision', 'recall', 'f1'] as const) near(out[k], expected.performance[k]);
    expect(out.support).toBe(expected.performance.support);
    expect(out.confusion).toEqual(expected.performance.confusion);
    // the guide's business metrics, over rows that have a prediction
    expect(out.business.totalPredictions).toBe(expected.business.total_predictions);
    expect(out.business.highConfidencePredictions).toBe(expected.business.high_confidence_predictions);
    near(out.business.averageConfidence, expected.business.average_confidence);
    near(out.business.highConfidenceMeanReturn, expected.business.predicted_return);
    near(out.operational.latency.p95, expected.operational.latency.p95);
    near(out.operational.errorRate, expected.operational.errorRate);
    near(out.operational.spreadCompliance, expected.operational.spreadCompliance);
    // accuracy 0.826 is under the market-maker warning level (85 %), above critical (75 %)
    expect(out.status).toBe('warning');
    expect(r.code).toBe(1);
  });

  it('exits 0 when accuracy clears the levels', async () => {
    const r = await mmops(['check', 'performance', '--data', data], { PERFORMANCE_THRESHOLD: '0.5' });
    expect(r.stdout).toContain('status: WARNING');
    const cfg = join(import.meta.dirname, '../fixtures/config/lenient-accuracy.yaml');
    const ok = await mmops(['--config', cfg, 'check', 'performance', '--data', data]);
    expect(ok.stdout).toContain('status: OK');
    expect(ok.code).toBe(0);
  });

  it('reports degradation against a reference with the guide states', async () => {
    const r = await mmops(['check', 'performance', '--data', data, '--reference', data, '--json']);
    expect(JSON.parse(r.stdout).degradation.status).toBe('healthy');
  });

  it('a missing label column exits 2 and lists the columns', async () => {
    const r = await mmops(['check', 'performance', '--data', data, '--label', 'truth']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no column "truth" (--label)');
    expect(r.stderr).toContain('columns: id, ts, prediction, actual');
  });
});
