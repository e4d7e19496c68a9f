import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  createEngineMetrics,
  type EngineMetrics,
  type EvaluationInput,
  LINT_FAILING_DEFAULTS,
} from '../../src/engine/metrics/index.js';
import type { SystemSnapshot } from '../../src/engine/system/index.js';

const PROMTOOL = '/usr/bin/promtool';

/** Pipes exposition text through the real `promtool check metrics`. */
function promtool(text: string) {
  const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

/** Samples of an exposition text, keyed `name{a="x",b="y"}` with labels sorted. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparsable line: ${line}`);
    const labels = [...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)]
      .map((l) => `${l[1]}="${l[2]}"`)
      .sort();
    out.set(labels.length ? `${m[1]}{${labels.join(',')}}` : m[1]!, Number(m[3]));
  }
  return out;
}

/** The names with a TYPE line (registered metrics). */
const typed = (text: string) => new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));

const snapshot = (over: Partial<SystemSnapshot> = {}): SystemSnapshot => ({
  cpuRatio: 0.42,
  memoryRatio: 0.5,
  diskRatio: 0.3,
  load1: 1.5,
  load5: 1.2,
  load15: 0.9,
  network: { rxBytes: 1000, txBytes: 2000 },
  gpu: null,
  ts: Date.UTC(2024, 4, 1),
  ...over,
});

const evaluation = (over: Partial<EvaluationInput> = {}): EvaluationInput => ({
  quality: { score: 0.93, missingRatio: 0.01, duplicateRatio: 0.02, outlierRatio: 0.03 },
  drift: {
    columns: [
      { column: 'close', method: 'ks', score: 0.01, drifted: true },
      { column: 'volume', method: 'wasserstein', score: 0.05, drifted: false },
    ],
    driftedShare: 0.5,
  },
  performance: [{ model: 'm1', accuracy: 0.9, precision: 0.88, recall: 0.9, f1: 0.89, degradation: 0.02 }],
  spreadCompliance: 0.97,
  system: snapshot(),
  alerts: [{ alertname: 'DataDriftDetected', severity: 'warning', state: 'firing' }],
  durationSeconds: 1.25,
  timestamp: Date.UTC(2024, 4, 1, 12),
  ...over,
});

const fixedNetwork = async () => ({ rxBytes: 5000, txBytes: 7000 });
const make = (prefix = 'market_master', defaultMetrics = false): EngineMetrics =>
  createEngineMetrics({ prefix, defaultMetrics, readNetwork: fixedNetwork });

describe('engine metrics exposition', () => {
  it('passes the real promtool check metrics, default metrics and a GPU included, with no lint output', async () => {
    const m = createEngineMetrics({ prefix: 'market_master', readNetwork: fixedNetwork });
    m.observePredictions([
      { model: 'm1', asset_class: 'fx', latency_seconds: 0.08 },
      { model: 'm1', error: 'timeout', latency_seconds: 0.3 },
    ]);
    m.recordIngested(2);
    m.recordRejectedBatch('invalid');
    m.setQueueUtilization(0.2);
    const gpu = { utilizationRatio: 0.7, memoryRatio: 0.4, name: 'A100' };
    m.setEvaluation(evaluation({ system: snapshot({ gpu }) }));
    const text = await m.metricsText();
    expect(promtool(text)).toEqual({ status: 0, output: '' });
    expect(m.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('passes promtool before anything was observed (metadata without samples)', async () => {
    const text = await make().metricsText();
    expect(promtool(text)).toEqual({ status: 0, output: '' });
  });

  it('is not fooled: promtool does flag the default `_total` gauges we drop', () => {
    const bad =
      '# HELP nodejs_active_handles_total x\n# TYPE nodejs_active_handles_total gauge\nnodejs_active_handles_total 3\n';
    expect(promtool(bad).status).not.toBe(0);
  });

  it('exposes every DESIGN.md name under the prefix, and the standard default metrics unprefixed', async () => {
    const m = createEngineMetrics({ prefix: 'market_master', readNetwork: fixedNetwork });
    m.observePredictions([{ model: 'm1', error: 'timeout' }]);
    m.setEvaluation(evaluation());
    const names = typed(await m.metricsText());
    for (const suffix of [
      'predictions_total',
      'prediction_errors_total',
      'prediction_duration_seconds',
      'prediction_queue_utilization_ratio',
      'data_quality_score',
      'data_missing_ratio',
      'data_duplicate_ratio',
      'data_outlier_ratio',
      'feature_drift_score',
      'feature_drift_detected',
      'dataset_drift_share_ratio',
      'model_accuracy',
      'model_precision',
      'model_recall',
      'model_f1_score',
      'model_degradation_ratio',
      'spread_compliance_ratio',
      'system_cpu_utilization_ratio',
      'system_memory_utilization_ratio',
      'system_disk_utilization_ratio',
      'system_load1',
      'system_network_receive_bytes_total',
      'system_network_transmit_bytes_total',
      'alerts',
      'evaluation_duration_seconds',
      'last_evaluation_timestamp_seconds',
      'ingested_records_total',
      'rejected_batches_total',
    ]) {
      expect(names, suffix).toContain(`market_master_${suffix}`);
    }
    for (const std of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(names).toContain(std);
    }
    for (const dropped of LINT_FAILING_DEFAULTS) expect(names).not.toContain(dropped);
  });

  it('uses a custom prefix for every engine metric', async () => {
    const m = createEngineMetrics({ prefix: 'desk7', readNetwork: fixedNetwork });
    m.observePredictions([{ latency_seconds: 0.01 }]);
    m.setEvaluation(evaluation());
    const text = await m.metricsText();
    const own = [...typed(text)].filter((n) => !/^(process|nodejs)_/.test(n));
    expect(own.length).toBeGreaterThan(25);
    for (const n of own) expect(n).toMatch(/^desk7_/);
    expect(text).not.toContain('market_master');
    expect(samples(text).get('desk7_predictions_total{asset_class="unknown",model="default"}')).toBe(1);
    expect(promtool(text)).toEqual({ status: 0, output: '' });
  });

  it('refuses a prefix that is not a metric name', () => {
    expect(() => make('market-master')).toThrow(RangeError);
    expect(() => make('')).toThrow(RangeError);
  });

  it('keeps registries apart: two engines in one process', async () => {
    const a = make('a');
    const b = make('b');
    a.observePredictions([{}]);
    expect(
      samples(await b.metricsText()).has('b_predictions_total{asset_class="unknown",model="default"}'),
    ).toBe(false);
  });
});

describe('observePredictions', () => {
  it('counts every record by model and asset class, defaulting the labels, and errors by type', async () => {
    const m = make();
    m.observePredictions([
      { model: 'm1', asset_class: 'fx' },
      { model: 'm1', asset_class: 'fx', error: 'timeout' },
      { asset_class: 'equity' },
      { model: 'm2', error: 'nan_input' },
    ]);
    m.observePredictions([{ model: 'm1', asset_class: 'fx', error: 'timeout' }]);
    const s = samples(await m.metricsText());
    expect(s.get('market_master_predictions_total{asset_class="fx",model="m1"}')).toBe(3);
    expect(s.get('market_master_predictions_total{asset_class="equity",model="default"}')).toBe(1);
    expect(s.get('market_master_predictions_total{asset_class="unknown",model="m2"}')).toBe(1);
    expect(s.get('market_master_prediction_errors_total{error_type="timeout",model="m1"}')).toBe(2);
    expect(s.get('market_master_prediction_errors_total{error_type="nan_input",model="m2"}')).toBe(1);
  });

  it('observes latency into buckets that include 0.1 and 0.25, skipping bad values', async () => {
    const m = make();
    m.observePredictions([
      { model: 'm1', latency_seconds: 0.05 },
      { model: 'm1', latency_seconds: 0.1 },
      { model: 'm1', latency_seconds: 0.2 },
      { model: 'm1', latency_seconds: 0.3 },
      { model: 'm1', latency_seconds: -1 },
      { model: 'm1', latency_seconds: Number.NaN },
      { model: 'm1' },
    ]);
    const s = samples(await m.metricsText());
    const bucket = (le: string) =>
      s.get(`market_master_prediction_duration_seconds_bucket{le="${le}",model="m1"}`);
    expect(bucket('0.1')).toBe(2); // le is inclusive
    expect(bucket('0.25')).toBe(3);
    expect(bucket('+Inf')).toBe(4);
    expect(s.get('market_master_prediction_duration_seconds_count{model="m1"}')).toBe(4);
    expect(s.get('market_master_prediction_duration_seconds_sum{model="m1"}')).toBeCloseTo(0.65);
  });

  it('counts ingested records and rejected batches by reason', async () => {
    const m = make();
    m.recordIngested(10);
    m.recordIngested(5);
    m.recordIngested(0);
    m.recordRejectedBatch('invalid');
    m.recordRejectedBatch('invalid');
    m.recordRejectedBatch('too_large');
    const s = samples(await m.metricsText());
    expect(s.get('market_master_ingested_records_total')).toBe(15);
    expect(s.get('market_master_rejected_batches_total{reason="invalid"}')).toBe(2);
    expect(s.get('market_master_rejected_batches_total{reason="too_large"}')).toBe(1);
  });
});

describe('setEvaluation', () => {
  it('writes every section, the timestamp in seconds', async () => {
    const m = make();
    m.setEvaluation(evaluation());
    const s = samples(await m.metricsText());
    expect(s.get('market_master_data_quality_score')).toBe(0.93);
    expect(s.get('market_master_data_outlier_ratio')).toBe(0.03);
    expect(s.get('market_master_feature_drift_score{feature="close",method="ks"}')).toBe(0.01);
    expect(s.get('market_master_feature_drift_detected{feature="close"}')).toBe(1);
    expect(s.get('market_master_feature_drift_detected{feature="volume"}')).toBe(0);
    expect(s.get('market_master_dataset_drift_share_ratio')).toBe(0.5);
    expect(s.get('market_master_model_f1_score{model="m1"}')).toBe(0.89);
    expect(s.get('market_master_model_degradation_ratio{model="m1"}')).toBe(0.02);
    expect(s.get('market_master_spread_compliance_ratio')).toBe(0.97);
    expect(s.get('market_master_system_cpu_utilization_ratio')).toBe(0.42);
    expect(s.get('market_master_system_load1')).toBe(1.5);
    expect(
      s.get('market_master_alerts{alertname="DataDriftDetected",severity="warning",state="firing"}'),
    ).toBe(1);
    expect(s.get('market_master_evaluation_duration_seconds')).toBe(1.25);
    expect(s.get('market_master_last_evaluation_timestamp_seconds')).toBe(Date.UTC(2024, 4, 1, 12) / 1000);
  });

  it('removes label sets the next evaluation does not mention', async () => {
    const m = make();
    m.setEvaluation(
      evaluation({
        performance: [
          { model: 'm1', accuracy: 0.9, precision: 0.9, recall: 0.9, f1: 0.9 },
          { model: 'm2', accuracy: 0.8, precision: 0.8, recall: 0.8, f1: 0.8 },
        ],
        alerts: [
          { alertname: 'DataDriftDetected', severity: 'warning', state: 'firing' },
          { alertname: 'HighCpuUtilization', severity: 'critical', state: 'pending' },
        ],
      }),
    );
    m.setEvaluation(
      evaluation({
        drift: { columns: [{ column: 'close', method: 'ks', score: 0.4, drifted: false }], driftedShare: 0 },
        performance: [{ model: 'm2', accuracy: 0.7, precision: 0.7, recall: 0.7, f1: 0.7 }],
        alerts: [{ alertname: 'DataDriftDetected', severity: 'warning', state: 'resolved' }],
      }),
    );
    const text = await m.metricsText();
    const s = samples(text);
    expect(s.get('market_master_feature_drift_score{feature="close",method="ks"}')).toBe(0.4);
    expect(s.get('market_master_feature_drift_detected{feature="close"}')).toBe(0);
    expect(text).not.toContain('feature="volume"');
    expect(s.get('market_master_model_accuracy{model="m2"}')).toBe(0.7);
    expect(text).not.toContain('model="m1"');
    expect(text).not.toMatch(/^market_master_model_degradation_ratio/m); // m2 has no baseline
    expect(text).not.toMatch(/^market_master_alerts\{/m); // resolved is not active
    expect(promtool(text)).toEqual({ status: 0, output: '' });
  });

  it('makes a null section absent, never 0 (a quality score of 0 would fire alerts)', async () => {
    const m = make();
    m.setEvaluation(evaluation());
    m.setEvaluation(
      evaluation({
        quality: null,
        drift: null,
        performance: null,
        spreadCompliance: null,
        system: null,
        alerts: [],
      }),
    );
    const text = await m.metricsText();
    for (const n of [
      'data_quality_score',
      'data_missing_ratio',
      'dataset_drift_share_ratio',
      'spread_compliance_ratio',
    ]) {
      expect(text).toContain(`# TYPE market_master_${n} gauge`);
      expect(text).not.toMatch(new RegExp(`^market_master_${n} `, 'm'));
    }
    expect(text).not.toMatch(/^market_master_(feature_drift|model_|system_cpu|system_load1 )/m);
    expect(samples(text).get('market_master_evaluation_duration_seconds')).toBe(1.25);
  });

  it('exposes nothing before the first evaluation', async () => {
    const text = await make().metricsText();
    expect(text).not.toMatch(/^market_master_(data_|model_|alerts|evaluation|last_|system_cpu)/m);
  });

  it('exposes every method of a multi-method column, and no verdict for an untested one', async () => {
    const m = make();
    m.setEvaluation(
      evaluation({
        drift: {
          columns: [
            {
              column: 'close',
              method: 'ks',
              score: 0.01,
              drifted: true,
              tests: { ks: { score: 0.01 }, psi: { score: 0.3 } },
            },
            { column: 'empty', method: 'ks', score: Number.NaN, drifted: false },
          ],
          driftedShare: 1,
        },
      }),
    );
    const text = await m.metricsText();
    const s = samples(text);
    expect(s.get('market_master_feature_drift_score{feature="close",method="psi"}')).toBe(0.3);
    expect(s.get('market_master_feature_drift_score{feature="close",method="ks"}')).toBe(0.01);
    expect(text).not.toContain('feature="empty"');
  });

  it('adds up alerts that share name, severity and state (per-label alerts of one rule)', async () => {
    const m = make();
    const a = { alertname: 'FeatureDrift', severity: 'warning', state: 'firing' };
    m.setEvaluation(evaluation({ alerts: [a, a, { ...a, state: 'pending' }, { ...a, state: 'inactive' }] }));
    const s = samples(await m.metricsText());
    expect(s.get('market_master_alerts{alertname="FeatureDrift",severity="warning",state="firing"}')).toBe(2);
    expect(s.get('market_master_alerts{alertname="FeatureDrift",severity="warning",state="pending"}')).toBe(
      1,
    );
    expect(s.has('market_master_alerts{alertname="FeatureDrift",severity="warning",state="inactive"}')).toBe(
      false,
    );
  });
});

describe('host metrics', () => {
  it('has no GPU metric at all, not even HELP, until a GPU is seen', async () => {
    const m = make();
    m.setEvaluation(evaluation());
    expect(await m.metricsText()).not.toContain('gpu');
    m.setSystem(snapshot({ gpu: { utilizationRatio: 0.6, memoryRatio: null, name: 'T4' } }));
    expect(samples(await m.metricsText()).get('market_master_system_gpu_utilization_ratio')).toBe(0.6);
    m.setSystem(snapshot({ gpu: null }));
    const text = await m.metricsText();
    expect(text).toContain('# TYPE market_master_system_gpu_utilization_ratio gauge');
    expect(text).not.toMatch(/^market_master_system_gpu_utilization_ratio /m); // no stale 0.6
  });

  it('sets the network counters from the OS counter at scrape time', async () => {
    let rx = 100;
    const m = createEngineMetrics({
      prefix: 'mm',
      defaultMetrics: false,
      readNetwork: async () => ({ rxBytes: rx, txBytes: 3 }),
    });
    expect(samples(await m.metricsText()).get('mm_system_network_receive_bytes_total')).toBe(100);
    rx = 250;
    const s = samples(await m.metricsText());
    expect(s.get('mm_system_network_receive_bytes_total')).toBe(250);
    expect(s.get('mm_system_network_transmit_bytes_total')).toBe(3);
  });

  it('reads the network once per scrape, falls back to the snapshot, and survives a failing reader', async () => {
    let calls = 0;
    let fail = false;
    const m = createEngineMetrics({
      prefix: 'mm',
      defaultMetrics: false,
      readNetwork: async () => {
        calls += 1;
        if (fail) throw new Error('boom');
        return null;
      },
    });
    expect(await m.metricsText()).not.toMatch(/^mm_system_network/m);
    expect(calls).toBe(1);
    m.setSystem(snapshot({ network: { rxBytes: 9, txBytes: 8 } }));
    fail = true;
    const s = samples(await m.metricsText());
    expect(s.get('mm_system_network_receive_bytes_total')).toBe(9);
    expect(s.get('mm_system_network_transmit_bytes_total')).toBe(8);
  });

  it('reads the real /proc/net/dev by default', async () => {
    const m = createEngineMetrics({ prefix: 'mm', defaultMetrics: false });
    const s = samples(await m.metricsText());
    expect(s.get('mm_system_network_receive_bytes_total')).toBeGreaterThanOrEqual(0);
  });
});
