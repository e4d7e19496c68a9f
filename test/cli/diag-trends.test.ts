import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, requireBinary, startPrometheus } from '../helpers/prometheus.js';
import { mmops } from '../helpers/run-cli.js';

// Two hours of history backfilled into a real Prometheus with promtool: the last hour is worse than the
// hour before it (accuracy 0.9 -> 0.7, errors 1 % -> 10 %), throughput is steady.
function history(now: number): string {
  const start = now - 2 * 3600;
  const lines = ['# TYPE market_master_model_accuracy gauge'];
  for (let t = start; t <= now; t += 60) {
    lines.push(`market_master_model_accuracy{model="m1"} ${t < now - 3600 ? 0.9 : 0.7} ${t}`);
  }
  lines.push('# TYPE market_master_predictions counter');
  for (let t = start, c = 0; t <= now; t += 60)
    lines.push(`market_master_predictions_total{model="m1"} ${(c += 100)} ${t}`);
  lines.push('# TYPE market_master_prediction_errors counter');
  for (let t = start, e = 0; t <= now; t += 60) {
    lines.push(
      `market_master_prediction_errors_total{model="m1",error_type="timeout"} ${(e += t < now - 3600 ? 1 : 10)} ${t}`,
    );
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

let prom: RunningServer;
beforeAll(async () => {
  prom = await startPrometheus({
    config: 'global: { scrape_interval: 15s }\n',
    prepare: (dir) => {
      const om = join(dir, 'history.om');
      writeFileSync(om, history(Math.floor(Date.now() / 1000)));
      mkdirSync(join(dir, 'data'), { recursive: true });
      execFileSync(requireBinary('promtool'), [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        om,
        join(dir, 'data'),
      ]);
    },
  });
});
afterAll(() => prom?.stop());

describe('mmops diag trends', () => {
  it('compares the last window with the one before it, from a real Prometheus', async () => {
    const r = await mmops(['diag', 'trends', '--window', '1h', '--json'], { PROMETHEUS_URL: prom.url });
    const out = JSON.parse(r.stdout);
    const by = Object.fromEntries(out.trends.map((t: { metric: string }) => [t.metric, t]));
    expect(by.accuracy.current).toBeCloseTo(0.7, 2);
    expect(by.accuracy.previous).toBeCloseTo(0.9, 2);
    expect(by.accuracy.worse).toBe(true);
    expect(by['error ratio'].current).toBeCloseTo(0.1, 2);
    expect(by['error ratio'].worse).toBe(true);
    expect(by['throughput (/s)'].worse).toBe(false);
    expect(by['data quality score'].current).toBeNull(); // not in this history: "no data", never a finding
    expect(r.code).toBe(1);
  });

  it('exits 3 when Prometheus is unreachable and 2 on a bad window', async () => {
    expect((await mmops(['diag', 'trends'], { PROMETHEUS_URL: 'http://127.0.0.1:9' })).code).toBe(3);
    const bad = await mmops(['diag', 'trends', '--window', 'weekly'], { PROMETHEUS_URL: prom.url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--window weekly');
  });
});
