/**
 * The "done when", through the real binaries: write a reference with the simulator, run the engine
 * on it with short intervals, run the simulator with the drift fault; drift shows on /metrics, in the
 * report, and as a firing DataDriftDetected delivered to a real SMTP receiver and a webhook receiver.
 * Also: the engine refuses a non-loopback bind without a token (exit 2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHttp, waitUntil } from '../alerting/helpers/http.js';
import { startSmtp } from '../alerting/helpers/smtp.js';
import { tempDir } from '../engine/helpers/engine.js';
import { mmops } from '../helpers/run-cli.js';
import { eventually, spawnMmops, startEngineBinary } from './helpers/long-running.js';

const tmp = tempDir('mmops-scenario-');
afterAll(() => tmp.remove());
const env = { HOME: tmp.dir, MONITORING_INTERVAL_SECONDS: '1', ALERT_CHECK_INTERVAL_SECONDS: '1' };

describe('mmops engine + mmops simulate --fault drift', () => {
  it('shows drift on /metrics, in the report, and delivers DataDriftDetected by email and webhook', async () => {
    const ref = join(tmp.dir, 'ref.csv');
    const w = await mmops(['simulate', '--write-reference', ref, '--rows', '2000'], env);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/wrote 2000 reference rows/);
    expect(readFileSync(ref, 'utf8').split('\n')[0]).toMatch(/^open,high,low,close,volume/);

    const smtp = await startSmtp();
    const hook = await startHttp();
    const config = join(tmp.dir, 'engine.yaml');
    // A `for` of a few seconds instead of 5m: the same rule, on a test's clock.
    writeFileSync(
      config,
      [
        'drift:',
        '  for: 2s',
        'notify:',
        '  email: { to: oncall@example.test }',
        `  smtp: { host: 127.0.0.1, port: ${smtp.port}, from: mmops@example.test, starttls: false }`,
        `  webhook: { url: "${hook.url}" }`,
        '',
      ].join('\n'),
    );
    const engine = await startEngineBinary(
      ['--config', config, '--port', '0', '--data-dir', join(tmp.dir, 'data'), '--reference', ref],
      env,
    );
    const sim = spawnMmops(
      [
        'simulate',
        '--engine',
        engine.url,
        '--rate',
        '100',
        '--fault',
        'drift',
        '--log-dir',
        join(tmp.dir, 'logs'),
      ],
      env,
    );
    try {
      await eventually(
        async () => {
          const text = await (await fetch(`${engine.url}/metrics`)).text();
          const share = /^market_master_dataset_drift_share_ratio (\S+)$/m.exec(text);
          return (
            text.includes('market_master_feature_drift_detected{feature="close"} 1') &&
            Number(share?.[1]) >= 0.5
          );
        },
        20_000,
        'drift on /metrics',
      );
      const report = (await (await fetch(`${engine.url}/api/v1/report`)).json()) as {
        drift: { datasetDrift: boolean; columns: { column: string; drifted: boolean }[] };
      };
      expect(report.drift.datasetDrift).toBe(true);
      expect(report.drift.columns.find((c) => c.column === 'close')?.drifted).toBe(true);
      await eventually(
        async () => {
          const a = (await (await fetch(`${engine.url}/alerts`)).json()) as {
            alerts: { name: string; state: string }[];
          };
          return a.alerts.some((x) => x.name === 'DataDriftDetected' && x.state === 'firing');
        },
        20_000,
        'DataDriftDetected firing',
      );
      await waitUntil(() => smtp.mails.length > 0 && hook.requests.length > 0, 15_000);
      expect(smtp.mails[0]!.headers.subject).toMatch(/^\[Market Master Alert\] .*DataDriftDetected/);
      expect(JSON.stringify(hook.requests[0]!.body)).toContain('DataDriftDetected');
      expect(sim.err()).toContain(`logs in ${join(tmp.dir, 'logs')}`);
    } finally {
      sim.child.kill('SIGTERM');
      engine.child.kill('SIGTERM');
      const [s, e] = await Promise.all([sim.child, engine.child]);
      await smtp.close();
      await hook.close();
      expect(s.exitCode).toBe(0);
      expect(e.exitCode).toBe(0);
    }
  });

  it('refuses to bind 0.0.0.0 without an ingest token (exit 2)', async () => {
    const r = await mmops(
      ['engine', '--host', '0.0.0.0', '--port', '0', '--data-dir', join(tmp.dir, 'open')],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without an ingest token/);
  });

  it('simulate refuses an unknown fault and a missing --engine (exit 2)', async () => {
    const bad = await mmops(['simulate', '--engine', 'http://127.0.0.1:9', '--fault', 'drift,bogus'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fault bogus: allowed: drift, latency/);
    const none = await mmops(['simulate'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--engine URL/);
  });
});
