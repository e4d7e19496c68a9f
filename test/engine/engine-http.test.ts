/** The engine over real HTTP, started in-process on port 0: ingest, rejections, report, health, metrics, restart. */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/index.js';
import { getJson, records, referenceCsv, send, startTestEngine, tempDir } from './helpers/engine.js';

let tmp: ReturnType<typeof tempDir>;
let engine: RunningEngine;
const windowRecords = async () => {
  await engine.evaluateNow();
  return engine.report()?.window.records;
};

beforeEach(async () => {
  tmp = tempDir();
  engine = await startTestEngine(tmp.dir, { edit: (c) => void (c.engine.body_limit_bytes = 200_000) });
});
afterEach(async () => {
  await engine.close();
  tmp.remove();
});

describe('ingest', () => {
  it('accepts a JSON array and NDJSON, and the report counts both', async () => {
    const a = await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(30, { prefix: 'a' })));
    expect(a).toEqual({ status: 200, json: { accepted: 30 } });
    const ndjson = records(20, { prefix: 'b' })
      .map((r) => JSON.stringify(r))
      .join('\n');
    const b = await send(`${engine.url}/api/v1/predictions`, ndjson, { type: 'application/x-ndjson' });
    expect(b).toEqual({ status: 200, json: { accepted: 20 } });
    expect(await windowRecords()).toBe(50);
    const actuals = JSON.stringify(records(30, { prefix: 'a' }).map((r) => ({ id: r.id, actual: 'up' })));
    expect((await send(`${engine.url}/api/v1/actuals`, actuals)).status).toBe(200);
    await engine.evaluateNow();
    expect(engine.report()?.performance.scored).toBe(30);
    expect(engine.report()?.performance.accuracy).toBeCloseTo(0.5, 5);
  });

  it('refuses a batch with one bad record as a whole, naming index and field', async () => {
    const batch: Record<string, unknown>[] = records(5);
    batch[3] = { ...batch[3], features: { x: 'NaN-ish', close: true } };
    const r = await send(`${engine.url}/api/v1/predictions`, JSON.stringify(batch));
    expect(r.status).toBe(400);
    const body = r.json as { error: string; rejected: { index: number; field: string; reason: string }[] };
    expect(body.error).toMatch(/record 3/);
    expect(body.rejected).toContainEqual(expect.objectContaining({ index: 3, field: 'features.close' }));
    expect(await windowRecords()).toBe(0);
  });

  it('names the missing field, the wrong type and malformed JSON', async () => {
    const missing = await send(
      `${engine.url}/api/v1/predictions`,
      JSON.stringify([{ id: 'x', prediction: 'up' }]),
    );
    expect(missing.json).toMatchObject({ rejected: [{ index: 0, field: 'features', reason: 'required' }] });
    const wrong = await send(
      `${engine.url}/api/v1/predictions`,
      JSON.stringify([{ features: { x: 1 }, prediction: 'up', confidence: 'high' }]),
    );
    expect(wrong.json).toMatchObject({ rejected: [{ index: 0, field: 'confidence' }] });
    const nan = await send(
      `${engine.url}/api/v1/predictions`,
      '[{"features":{"x":1},"prediction":"up"},{"features":{"x":NaN}}]',
    );
    expect(nan.status).toBe(400);
    expect(nan.json).toMatchObject({ rejected: [{ index: 1 }] });
    const before = engine.report();
    expect(await windowRecords()).toBe(0);
    expect(before).not.toBeUndefined();
  });

  it('answers 413 to a body over engine.body_limit_bytes and keeps nothing', async () => {
    const big = JSON.stringify(records(3000));
    expect(big.length).toBeGreaterThan(200_000);
    const r = await send(`${engine.url}/api/v1/predictions`, big);
    expect(r.status).toBe(413);
    expect((r.json as { error: string }).error).toMatch(/body_limit_bytes/);
    expect(await windowRecords()).toBe(0);
  });
});

describe('reference, report, health and metrics', () => {
  it('stores a PUT reference, reports drift, and keeps both across a restart', async () => {
    const put = await send(`${engine.url}/api/v1/reference`, referenceCsv(), {
      method: 'PUT',
      type: 'text/csv',
    });
    expect(put).toMatchObject({ status: 200, json: { rows: 1000, columns: ['x', 'regime'] } });
    expect(existsSync(join(tmp.dir, 'reference.csv'))).toBe(true);
    await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(300, { shift: 40 })));
    await engine.evaluateNow();
    const { json: report } = await getJson(`${engine.url}/api/v1/report`);
    expect(report.window).toMatchObject({ records: 300 });
    const drift = report.drift as {
      columns: { column: string; drifted: boolean; pValue: number | null }[];
      driftedShare: number;
    };
    expect(drift.columns.find((c) => c.column === 'x')?.drifted).toBe(true);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['window', 'quality', 'drift', 'performance', 'system', 'status']),
    );

    await engine.close();
    engine = await startTestEngine(tmp.dir);
    expect(engine.replayed).toBe(300);
    expect(await windowRecords()).toBe(300);
    expect(engine.report()?.drift?.columns.find((c) => c.column === 'x')?.drifted).toBe(true);
  });

  it('refuses a reference that is not CSV or NDJSON data, keeping the stored one', async () => {
    await send(`${engine.url}/api/v1/reference`, referenceCsv(), { method: 'PUT', type: 'text/csv' });
    const bad = await send(`${engine.url}/api/v1/reference`, '{"x": 1}\n{not json', {
      method: 'PUT',
      type: 'application/x-ndjson',
    });
    expect(bad.status).toBe(400);
    expect(existsSync(join(tmp.dir, 'reference.csv'))).toBe(true);
  });

  it('serves /health as 200 with checks, and /metrics that promtool accepts', async () => {
    await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(50, { error: undefined })));
    await send(
      `${engine.url}/api/v1/predictions`,
      JSON.stringify(records(5, { prefix: 'e', error: 'timeout' })),
    );
    await engine.evaluateNow();
    const health = await getJson(`${engine.url}/health`);
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: 'healthy',
      checks: { event_log: { status: 'ok' }, evaluation: { status: 'ok' } },
    });
    const res = await fetch(`${engine.url}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    for (const name of [
      'market_master_predictions_total{model="m1",asset_class="unknown"} 55',
      'market_master_prediction_errors_total{model="m1",error_type="timeout"} 5',
      'market_master_prediction_duration_seconds_bucket{le="0.1",model="m1"}',
      'market_master_data_quality_score',
      'market_master_evaluation_duration_seconds',
      'market_master_system_cpu_utilization_ratio 0.1',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(name);
    }
    const file = join(tmp.dir, 'metrics.txt');
    writeFileSync(file, text);
    // promtool reads the exposition from stdin; a lint problem makes it exit non-zero.
    execFileSync('sh', ['-c', `promtool check metrics < ${file}`]);
  });

  it('lists alerts with state, severity, since, value, labels and annotations, and their history', async () => {
    await engine.close();
    engine = await startTestEngine(tmp.dir, {
      edit: (c) => {
        c.thresholds.error_ratio.for = '0s';
      },
    });
    await send(
      `${engine.url}/api/v1/predictions`,
      JSON.stringify(records(10, { prefix: 'e', error: 'timeout' })),
    );
    await engine.evaluateNow();
    await engine.checkAlertsNow();
    const { json } = await getJson(`${engine.url}/alerts`);
    const alerts = json.alerts as Record<string, unknown>[];
    const high = alerts.find((a) => a.name === 'HighErrorRatio');
    expect(high).toMatchObject({
      state: 'firing',
      severity: 'critical',
      value: 1,
      labels: { alertname: 'HighErrorRatio', severity: 'critical' },
      annotations: { runbook: 'high-error-rate' },
    });
    expect(typeof high?.since).toBe('string');
    expect(json.history).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'HighErrorRatio', to: 'firing' })]),
    );
    const metrics = await (await fetch(`${engine.url}/metrics`)).text();
    expect(metrics).toContain(
      'market_master_alerts{alertname="HighErrorRatio",severity="critical",state="firing"} 1',
    );
  });

  it('sends the alerts with the report on ?include=alerts, the list GET /alerts shows', async () => {
    await engine.close();
    engine = await startTestEngine(tmp.dir, { edit: (c) => void (c.thresholds.error_ratio.for = '0s') });
    await send(
      `${engine.url}/api/v1/predictions`,
      JSON.stringify(records(10, { prefix: 'i', error: 'timeout' })),
    );
    await engine.evaluateNow();
    await engine.checkAlertsNow();
    const plain = (await getJson(`${engine.url}/api/v1/report`)).json;
    const both = (await getJson(`${engine.url}/api/v1/report?include=alerts`)).json;
    const { alerts } = (await getJson(`${engine.url}/alerts`)).json;
    expect(plain).not.toHaveProperty('alerts');
    // anything else included, or nothing: the report alone; a list or a repeated parameter names it too
    expect((await getJson(`${engine.url}/api/v1/report?include=other`)).json).toEqual(plain);
    for (const q of ['include=other,%20alerts', 'include=other&include=alerts'])
      expect((await getJson(`${engine.url}/api/v1/report?${q}`)).json).toEqual(both);
    const { alerts: withReport, ...report } = both;
    expect(report).toEqual(plain);
    expect(withReport).toEqual(alerts);
    expect(withReport).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'HighErrorRatio', state: 'firing' })]),
    );
  });
});
