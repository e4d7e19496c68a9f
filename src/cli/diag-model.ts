/**
 * `mmops diag model`: the guide's model_diagnostics.py: is the model healthy? Accuracy and weighted F1
 * against the threshold table and the baseline, prediction drift, latency and errors, from the engine.
 */
import type { Command } from 'commander';
import { thresholdStatus } from '../monitor/index.js';
import { createEngineClient } from '../sources/index.js';
import { configFor, printJson } from './config-option.js';
import { EXIT } from './exit.js';
import { fmt, pct, textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  json?: boolean;
}

type State = 'ok' | 'warning' | 'critical' | 'no data';

/** Runs `diag model`: 0 healthy, 1 a metric at warning or worse, 3 the engine unreachable. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const engine = createEngineClient({
    url: config.sources.engine_url,
    timeoutMs: config.sources.timeout_seconds * 1000,
    maxBytes: config.sources.max_response_bytes,
  });
  const r = await engine.report();
  if (!r.ok) {
    process.stderr.write(`mmops: engine unreachable: ${r.error}\n`);
    return EXIT.unreachable;
  }
  const p = r.data.performance ?? {};
  const t = config.thresholds;
  const judge = (value: number | null | undefined, row: (typeof t)[keyof typeof t]): State =>
    value === null || value === undefined ? 'no data' : thresholdStatus(value, row);
  const degradationStatus = p.degradation?.status;
  const checks = [
    {
      check: 'accuracy',
      value: p.accuracy ?? null,
      state: judge(p.accuracy, t.model_accuracy),
      limit: `< ${t.model_accuracy.warning} / < ${t.model_accuracy.critical}`,
    },
    {
      check: 'accuracy floor (PERFORMANCE_THRESHOLD)',
      value: p.accuracy ?? null,
      state: (p.accuracy === null || p.accuracy === undefined
        ? 'no data'
        : p.accuracy < config.performance.min_accuracy
          ? 'critical'
          : 'ok') as State,
      limit: `< ${config.performance.min_accuracy}`,
    },
    {
      check: 'degradation vs baseline',
      value: p.degradation?.ratio ?? null,
      state: (degradationStatus === 'degraded'
        ? 'critical'
        : degradationStatus === 'warning'
          ? 'warning'
          : degradationStatus
            ? 'ok'
            : 'no data') as State,
      limit: `> ${config.performance.degradation.warning} / > ${config.performance.degradation.critical}`,
    },
    {
      check: 'latency p95 (s)',
      value: p.latency?.p95 ?? null,
      state: judge(p.latency?.p95, t.prediction_latency_seconds),
      limit: `> ${t.prediction_latency_seconds.warning} / > ${t.prediction_latency_seconds.critical}`,
    },
    {
      check: 'error ratio',
      value: p.errorRatio ?? null,
      state: judge(p.errorRatio, t.error_ratio),
      limit: `> ${t.error_ratio.warning} / > ${t.error_ratio.critical}`,
    },
    {
      check: 'spread compliance',
      value: p.spreadCompliance ?? null,
      state: judge(p.spreadCompliance, t.spread_compliance_ratio),
      limit: `< ${t.spread_compliance_ratio.warning} / < ${t.spread_compliance_ratio.critical}`,
    },
    {
      check: 'feature drift share',
      value: r.data.drift?.driftedShare ?? null,
      state: (r.data.drift
        ? r.data.drift.datasetDrift
          ? 'critical'
          : r.data.drift.driftedShare > 0
            ? 'warning'
            : 'ok'
        : 'no data') as State,
      limit: `> 0 / >= ${config.drift.dataset_share}`,
    },
  ];
  const worst = checks.some((c) => c.state === 'critical')
    ? 'critical'
    : checks.some((c) => c.state === 'warning')
      ? 'warning'
      : 'ok';
  const result = {
    status: worst,
    evaluatedAt: r.data.evaluatedAt,
    window: r.data.window,
    metrics: {
      accuracy: p.accuracy ?? null,
      precision: p.precision ?? null,
      recall: p.recall ?? null,
      f1: p.f1 ?? null,
    },
    checks,
  };
  if (opts.json) printJson(result);
  else {
    const rows = checks.map((c) => [c.check, fmt(c.value), c.limit, c.state.toUpperCase()]);
    process.stdout.write(
      `model: ${worst.toUpperCase()} (window of ${r.data.window.records} records, evaluated ${r.data.evaluatedAt})\n` +
        `accuracy ${pct(p.accuracy)}, precision ${pct(p.precision)}, recall ${pct(p.recall)}, F1 ${pct(p.f1)} (weighted)\n\n` +
        `${textTable(['check', 'value', 'warning / critical when', 'state'], rows)}\n`,
    );
  }
  return worst === 'ok' ? EXIT.ok : EXIT.finding;
}
