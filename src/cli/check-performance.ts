/** `mmops check performance`: accuracy, weighted precision/recall/F1, business and operational metrics. */
import type { Command } from 'commander';
import {
  type BusinessMetrics,
  businessMetrics,
  type Column,
  classificationMetrics,
  column,
  columnLabels,
  columnNames,
  type DegradationReport,
  degradation,
  type Frame,
  levelBook,
  modelChecks,
  type OperationalMetrics,
  operationalMetrics,
  overallOf,
  type PerformanceSummary,
  pairLabels,
  performanceSummary,
  readFrame,
} from '../monitor/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { fmt, pct, textTable } from './text-table.js';

type State = 'ok' | 'warning' | 'critical';

/** The `--json` document: DESIGN.md's contract plus the status, degradation and the guide's extra metrics. */
type Result = PerformanceSummary & {
  status: State;
  /** Why the status is not ok, one sentence each. */
  reasons: string[];
  degradation: DegradationReport | null;
  business: BusinessMetrics | null;
  operational: OperationalMetrics | null;
};

/** The command's options, as commander parses them. */
export interface Opts {
  data: string;
  label: string;
  prediction: string;
  confidence: string;
  return: string;
  reference?: string;
  json?: boolean;
}

/** Runs `check performance` and returns its exit code. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const { frame } = await readFrame(opts.data);
  const current = metricsOf(frame, opts, opts.data);
  let degraded: DegradationReport | null = null;
  if (opts.reference) {
    const ref = metricsOf((await readFrame(opts.reference)).frame, opts, opts.reference);
    const pick = (m: typeof current) => ({
      accuracy: m.accuracy,
      precision: m.precision,
      recall: m.recall,
      f1: m.f1,
    });
    degraded = degradation(pick(ref), pick(current), config.performance.degradation);
  }
  // monitor judges accuracy, its floor and the degradation against the level book; this command prints
  const checks = modelChecks(
    { accuracy: current.accuracy, degradation: degraded?.averageDegradation ?? null },
    levelBook(config),
    ['accuracy', 'degradation'],
  ).filter((c) => c.state !== 'unknown');
  const overall = overallOf(checks);
  const status: State = overall === 'unknown' ? 'ok' : overall;
  const reasons = checks.flatMap((c) =>
    c.state === 'warning' || c.state === 'critical'
      ? [`${c.check} ${fmt(c.value)} is ${c.state} (${c.limit}; ${c.keys[c.state]})`]
      : [],
  );

  const business = column(frame, opts.confidence)
    ? businessMetrics(
        // The guide's business metrics are over predictions: rows whose prediction failed take no part.
        rowsOf(frame)
          .filter((i) => hasValue(column(frame, opts.prediction), i))
          .map((i) => ({
            confidence: numberAt(column(frame, opts.confidence), i),
            actualReturn: numberAt(column(frame, opts.return), i),
          })),
        config.performance.high_confidence,
      )
    : null;
  const operational = operationalOf(frame);
  const result: Result = { ...current, status, reasons, degradation: degraded, business, operational };
  if (opts.json) printJson(result);
  else printText(result);
  return status === 'ok' ? EXIT.ok : EXIT.finding;
}

function metricsOf(frame: Frame, opts: Opts, file: string) {
  const need = (name: string, flag: string): Column => {
    const c = column(frame, name);
    if (!c)
      throw new CliError(`${file}: no column "${name}" (${flag}); columns: ${columnNames(frame).join(', ')}`);
    return c;
  };
  const pairs = pairLabels(
    columnLabels(need(opts.label, '--label')),
    columnLabels(need(opts.prediction, '--prediction')),
  );
  if (pairs.yTrue.length === 0) throw new CliError(`${file}: no row has both a label and a prediction`);
  return performanceSummary(classificationMetrics(pairs.yTrue, pairs.yPred));
}

function operationalOf(frame: Frame) {
  const ts = column(frame, 'ts') ?? column(frame, 'timestamp');
  const latency = column(frame, 'latency_seconds');
  const latencyMs = column(frame, 'latency_ms');
  if (!ts && !latency && !latencyMs) return null;
  const error = column(frame, 'error');
  return operationalMetrics(
    rowsOf(frame).map((i) => ({
      ts: numberAt(ts, i),
      latencySeconds: latency
        ? numberAt(latency, i)
        : latencyMs
          ? (numberAt(latencyMs, i) ?? NaN) / 1000
          : null,
      error: error?.kind === 'categorical' ? error.values[i] : null,
      spread: numberAt(column(frame, 'spread'), i),
      spreadLimit: numberAt(column(frame, 'spread_limit'), i),
    })),
  );
}

function rowsOf(frame: Frame): number[] {
  return Array.from({ length: frame.rows }, (_, i) => i);
}

function hasValue(c: Column | undefined, i: number): boolean {
  if (!c) return false;
  const v = c.values[i];
  return c.kind === 'categorical' ? v !== null && v !== undefined : !Number.isNaN(v as number);
}

function numberAt(c: Column | undefined, i: number): number | null {
  if (!c || c.kind === 'categorical') return null;
  const v = c.values[i]!;
  return Number.isNaN(v) ? null : v;
}

function printText(r: Result): void {
  const lines = [
    `status: ${r.status.toUpperCase()}${r.reasons.map((why) => `\n  - ${why}`).join('')}`,
    '',
    textTable(
      ['metric', 'value'],
      [
        ['accuracy', fmt(r.accuracy)],
        ['precision (weighted)', fmt(r.precision)],
        ['recall (weighted)', fmt(r.recall)],
        ['f1 (weighted)', fmt(r.f1)],
        ['support', String(r.support)],
      ],
    ),
    '',
    'confusion (rows: actual, columns: predicted)',
    textTable(
      ['', ...r.confusion.labels],
      r.confusion.labels.map((l, i) => [l, ...(r.confusion.matrix[i] ?? [])]),
    ),
  ];
  if (r.degradation) {
    lines.push(
      '',
      `degradation vs reference: ${r.degradation.status} (average ${pct(r.degradation.averageDegradation)})`,
    );
  }
  if (r.business) {
    const b = r.business;
    lines.push(
      '',
      `high-confidence (> ${b.threshold}): ${b.highConfidencePredictions}/${b.totalPredictions} (${pct(b.highConfidenceShare)}), ` +
        `average confidence ${fmt(b.averageConfidence)}, mean return ${fmt(b.highConfidenceMeanReturn)}`,
    );
  }
  if (r.operational) {
    const o = r.operational;
    lines.push(
      `latency p50/p95/p99: ${fmt(o.latency.p50)} / ${fmt(o.latency.p95)} / ${fmt(o.latency.p99)} s, ` +
        `throughput ${fmt(o.throughput)}/s, error ratio ${pct(o.errorRate)}, spread compliance ${pct(o.spreadCompliance)}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
