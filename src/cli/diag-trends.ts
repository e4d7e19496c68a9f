/**
 * `mmops diag trends`: the market-maker guide's weekly "review performance trends": each key metric over
 * the last window against the window before it (week over week by default), from Prometheus.
 */
import type { Command } from 'commander';
import { parseDuration } from '../config/index.js';
import { createPrometheusClient, unanswered } from '../sources/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { fmt, pct, textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  window: string;
  tolerance: string;
  json?: boolean;
}

/** A metric to compare: PromQL over a range `[R]` (with `OFFSET` for the previous window), and its bad side. */
interface Trend {
  name: string;
  expr: (p: string, range: string, offset: string) => string;
  worse: 'up' | 'down';
}

// Averages over the window (avg_over_time of gauges, rate over the window for counters and histograms).
const TRENDS: Trend[] = [
  { name: 'accuracy', expr: (p, r, o) => `avg(avg_over_time(${p}_model_accuracy[${r}]${o}))`, worse: 'down' },
  { name: 'f1', expr: (p, r, o) => `avg(avg_over_time(${p}_model_f1_score[${r}]${o}))`, worse: 'down' },
  {
    name: 'latency p95 (s)',
    expr: (p, r, o) =>
      `histogram_quantile(0.95, sum by (le) (rate(${p}_prediction_duration_seconds_bucket[${r}]${o})))`,
    worse: 'up',
  },
  {
    name: 'throughput (/s)',
    expr: (p, r, o) => `sum(rate(${p}_predictions_total[${r}]${o}))`,
    worse: 'down',
  },
  {
    name: 'error ratio',
    expr: (p, r, o) =>
      `sum(rate(${p}_prediction_errors_total[${r}]${o})) / sum(rate(${p}_predictions_total[${r}]${o}))`,
    worse: 'up',
  },
  {
    name: 'data quality score',
    expr: (p, r, o) => `avg(avg_over_time(${p}_data_quality_score[${r}]${o}))`,
    worse: 'down',
  },
  {
    name: 'drifted share',
    expr: (p, r, o) => `avg(avg_over_time(${p}_dataset_drift_share_ratio[${r}]${o}))`,
    worse: 'up',
  },
];

/** Runs `diag trends`: 1 when a metric got worse by more than --tolerance (relative), 3 when Prometheus is down. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const tolerance = Number(opts.tolerance);
  if (!(tolerance >= 0))
    throw new CliError(`--tolerance ${opts.tolerance}: allowed: a number >= 0, e.g. 0.1`);
  try {
    parseDuration(opts.window);
  } catch (err) {
    throw new CliError(`--window ${opts.window}: ${(err as Error).message}`);
  }
  const prom = createPrometheusClient({
    url: config.sources.prometheus_url,
    timeoutMs: config.sources.timeout_seconds * 1000,
    maxBytes: config.sources.max_response_bytes,
  });
  const p = config.metrics.prefix;
  const rows = [];
  for (const t of TRENDS) {
    const [now, before] = await Promise.all([
      prom.instant(t.expr(p, opts.window, '')),
      prom.instant(t.expr(p, opts.window, ` offset ${opts.window}`)),
    ]);
    if (!now.ok || !before.ok) {
      const e = !now.ok ? now : (before as Extract<typeof before, { ok: false }>);
      if (unanswered(e)) {
        process.stderr.write(`mmops: prometheus unreachable: ${e.error}\n`);
        return EXIT.unreachable;
      }
      throw new CliError(`prometheus: ${e.error}`);
    }
    const current = finite(now.data[0]?.value);
    const previous = finite(before.data[0]?.value);
    const change =
      current !== null && previous !== null && previous !== 0
        ? (current - previous) / Math.abs(previous)
        : null;
    const worse = change !== null && (t.worse === 'up' ? change > tolerance : change < -tolerance);
    rows.push({ metric: t.name, current, previous, change, worse });
  }
  const finding = rows.some((r) => r.worse);
  if (opts.json) printJson({ window: opts.window, tolerance, trends: rows, finding });
  else {
    const table = rows.map((r) => [
      r.metric,
      fmt(r.current),
      fmt(r.previous),
      r.change === null ? '-' : pct(r.change),
      r.worse ? 'WORSE' : r.current === null ? 'no data' : 'ok',
    ]);
    process.stdout.write(
      `${textTable([`metric (last ${opts.window})`, 'now', `${opts.window} before`, 'change', 'state'], table)}\n`,
    );
  }
  return finding ? EXIT.finding : EXIT.ok;
}

function finite(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}
