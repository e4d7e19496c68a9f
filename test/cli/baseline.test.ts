/**
 * The performance baseline under the operator's control (issue 12, point 3): `mmops baseline show|set|reset`
 * and GET/PUT/DELETE /api/v1/baseline against the real engine binary, with an ingest token configured.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { records, send, tempDir } from '../engine/helpers/engine.js';
import { freePort } from '../helpers/prometheus.js';
import { mmops } from '../helpers/run-cli.js';
import { eventually, type Running, startEngineBinary } from './helpers/long-running.js';

const TOKEN = 'baseline-test-token';
const tmp = tempDir('mmops-baseline-');
const env = {
  HOME: tmp.dir,
  MONITORING_INTERVAL_SECONDS: '1',
  ALERT_CHECK_INTERVAL_SECONDS: '1',
  MMOPS_INGEST_TOKEN: TOKEN,
};
let engine: Running & { url: string };
const cli = (args: string[]) => mmops(['baseline', ...args], { ...env, ENGINE_URL: engine.url });

async function startEngine() {
  engine = await startEngineBinary(['--port', '0', '--data-dir', join(tmp.dir, 'data')], env);
}
async function stopEngine() {
  engine.child.kill('SIGTERM');
  await engine.child;
}
async function apiBaseline() {
  const res = await fetch(`${engine.url}/api/v1/baseline`);
  return ((await res.json()) as { baseline: Record<string, unknown> | null }).baseline;
}

beforeAll(startEngine);
afterAll(async () => {
  if (engine && engine.child.exitCode === null) await stopEngine();
  tmp.remove();
});

describe('mmops baseline and /api/v1/baseline', () => {
  it('shows none at first; the current window cannot become one with too few scored predictions', async () => {
    const show = await cli(['show']);
    expect(show.stdout).toMatch(/^baseline: none \(no baseline yet/);
    expect(show.code).toBe(0);
    const set = await cli(['set', '--from-window']);
    expect(set.code).toBe(1);
    expect(set.stderr).toMatch(/HTTP 409: the current window has 0 scored predictions .*needs 1000/);
  });

  it('the first window with 1,000 scored predictions becomes it, and says so in the API, report and metrics', async () => {
    const batch = records(1100).map((r) => ({ ...r, actual: r.prediction }));
    const r = await send(`${engine.url}/api/v1/predictions`, JSON.stringify(batch), { token: TOKEN });
    expect(r.status).toBe(200);
    await eventually(async () => (await apiBaseline())?.source === 'first-window', 15_000, 'a baseline');
    expect(await apiBaseline()).toMatchObject({ accuracy: 1, support: 1100, source: 'first-window' });
    const show = await cli(['show']);
    expect(show.stdout).toMatch(/accuracy 100\.0% .*\(1100 scored\)\nsource: {3}first-window, set 20\d\d-/);
    await eventually(
      async () =>
        /market_master_model_baseline_timestamp_seconds\{source="first-window"\} \d/.test(
          await (await fetch(`${engine.url}/metrics`)).text(),
        ),
      15_000,
      'the baseline gauge',
    );
  });

  it('set --file adopts figures from a file; the report measures degradation against them', async () => {
    const file = join(tmp.dir, 'retrained.json');
    writeFileSync(file, JSON.stringify({ accuracy: 0.8, precision: 0.8, recall: 0.8, f1: 0.8 }));
    const set = await cli(['set', '--file', file, '--json']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).baseline).toMatchObject({ accuracy: 0.8, source: 'file' });
    await eventually(
      async () => {
        const rep = (await (await fetch(`${engine.url}/api/v1/report`)).json()) as {
          performance: { degradation: { baseline: { source: string } | null } };
        };
        return rep.performance.degradation.baseline?.source === 'file';
      },
      15_000,
      'the report to use the file baseline',
    );
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ accuracy: 80, precision: 0.8, recall: 0.8, f1: 0.8 }));
    const refused = await cli(['set', '--file', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'HTTP 400: baseline refused: accuracy = 80: expected a number from 0 to 1',
    );
    expect((await cli(['set'])).code).toBe(2);
  });

  it('writes need the ingest token over HTTP; DELETE resets and the next window is taken again', async () => {
    const url = `${engine.url}/api/v1/baseline`;
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(401);
    expect((await send(url, '{"from":"window"}', { method: 'PUT' })).status).toBe(401);
    const del = await fetch(url, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await del.json()).toMatchObject({ baseline: null });
    // The window still holds 300 scored predictions: the next evaluation adopts them again.
    await eventually(async () => (await apiBaseline())?.source === 'first-window', 15_000, 'a new baseline');
    const put = await send(url, '{"from":"window"}', { method: 'PUT', token: TOKEN });
    expect(put.status).toBe(200);
    expect((put.json as { baseline: { source: string } }).baseline.source).toBe('window');
  });

  it('reset through the CLI; set --from-window; the baseline survives a restart', async () => {
    const reset = await cli(['reset']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^baseline: none/);
    const set = await cli(['set', '--from-window']);
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/source: {3}window, set /);
    await stopEngine();
    await startEngine();
    expect(await apiBaseline()).toMatchObject({ source: 'window', accuracy: 1 });
  });

  it('an engine that does not answer exits 3', async () => {
    const r = await mmops(['baseline', 'show'], {
      ...env,
      ENGINE_URL: `http://127.0.0.1:${await freePort()}`,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/ECONNREFUSED/);
  });
});
