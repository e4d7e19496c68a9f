import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promInstantQuery } from '../../src/cli/runbook-session.js';
import { parseRunbookFile, terminalOperator } from '../../src/runbook/index.js';
import { ROOT, realDeps, run } from './helpers.js';

// One local server plays the engine (/metrics, /alerts, /health) and Prometheus (/api/v1/query).
let server: Server;
let base = '';
const logs = mkdtempSync(join(tmpdir(), 'mmops-daily-'));
const VALUE: [RegExp, string][] = [
  [/^up$/, '1'],
  [/histogram_quantile/, '0.08'],
  [/^sum\(rate\(market_master_predictions_total/, '25'],
  [/errors_total/, '0.01'],
  [/queue_utilization/, '0.4'],
  [/quality_score/, '0.93'],
  [/model_accuracy/, '0.9'],
  [/dataset_drift_share/, '0.07'],
];

beforeAll(async () => {
  // one ERROR line in 40: 2.5 %, under the 5 % warning level of thresholds.error_ratio
  writeFileSync(join(logs, 'app.log'), `${'INFO ok\n'.repeat(39)}ERROR model timeout\n`);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/metrics') {
      res.end(
        '# HELP market_master_predictions_total Predictions.\n# TYPE market_master_predictions_total counter\n',
      );
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/alerts') return res.end('{"alerts":[],"history":[]}');
    if (url.pathname === '/health') return res.end('{"status":"healthy","checks":{}}');
    const q = url.searchParams.get('query') ?? '';
    const v = VALUE.find(([re]) => re.test(q))?.[1];
    const result = v === undefined ? [] : [{ metric: {}, value: [1700000000, v] }];
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(logs, { recursive: true, force: true });
});

describe('the shipped daily runbook, unattended, against a healthy stack', () => {
  it('passes or skips every step with a reason; the share of ERROR lines is under the warning level', async () => {
    const rb = parseRunbookFile(join(ROOT, 'runbooks', 'daily.md'));
    // mmops is deliberately not on PATH here: its steps are SKIPPED "mmops is not installed"
    const { record } = await run(rb, {
      deps: realDeps({ promQuery: promInstantQuery(base) }),
      env: { PATH: '/usr/bin:/bin', HOME: logs, MMOPS_LOG_DIR: logs, MMOPS_ENGINE_URL: base },
    });
    const by = Object.fromEntries(record.steps.map((s) => [s.title, `${s.status}: ${s.reason}`]));
    expect(by).toMatchObject({
      'Engine metrics endpoint answers': 'PASS: exit code 0',
      'Prometheus scrapes every target': 'PASS: 1',
      'Prediction latency (p95)': 'PASS: 80 ms',
      'Prediction throughput': 'PASS: 25/s',
      'Error ratio': 'PASS: 1 %',
      'Recent alerts (engine)': 'PASS: HTTP 200',
      'Firing alerts (Prometheus)': 'PASS: no data; rows: 0',
      'Alerts review': 'SKIPPED: mmops is not installed',
      'System health': 'PASS: HTTP 200',
      'Resource usage, live (htop)': 'SKIPPED: excluded from run-all',
      'Queue utilization': 'PASS: 40 %',
      'Drifted features': 'PASS: 7 %',
      'Recent ERROR lines': 'PASS: exit code 0; 2.5 %',
      'Dashboards look right': 'SKIPPED: manual step, unattended run',
    });
    expect(record.steps.filter((s) => s.status === 'FAIL')).toEqual([]);
    expect(record.status).toBe('PASS');
  });
});

describe('the terminal operator', () => {
  it('reads typed confirmations, manual outcomes and notes, and param values', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c) => (shown += c));
    const op = terminalOperator(input, output);
    const step = { index: 0, title: 't', name: 't', guidance: 'Open the dashboard.', line: 1 };
    const answer = (text: string) => setImmediate(() => input.write(`${text}\n`));
    answer('restart');
    expect(await op.confirm(step, 'restart')).toBe(true);
    answer('yes');
    expect(await op.confirm(step, 'restart')).toBe(false);
    answer('');
    expect(await op.manual(step)).toEqual({ status: 'PASS' });
    answer('f');
    expect(await op.manual(step)).toEqual({ status: 'FAIL' });
    answer('panel 3 shows no data');
    expect(await op.manual(step)).toEqual({ status: 'PASS', note: 'panel 3 shows no data' });
    answer('');
    expect(await op.prompt!('log_dir', '/var/log')).toBe('/var/log');
    expect(shown).toContain('type "restart" to run this step');
    expect(shown).toContain('  Open the dashboard.');
  });
});
