/** `mmops check drift`: per-column drift of a current file against a reference file. */
import type { Command } from 'commander';
import { DRIFT_METHODS } from '../config/index.js';
import {
  type DriftOptions,
  type DriftReport,
  detectDrift,
  detectDriftParallel,
  isMethodName,
  readFrame,
} from '../monitor/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { fmt, pct, textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  reference: string;
  current: string;
  method: string;
  columns?: string;
  json?: boolean;
}

// Methods decided by a p-value; the others are distances compared with a threshold.
const TESTS = new Set(['ks', 'chisquare']);

// Below this many values the worker threads cost more to start than they save.
const PARALLEL_FROM_CELLS = 200_000;

/** Runs `check drift` and returns its exit code. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const method = opts.method ?? config.drift.method;
  if (method !== 'auto' && !isMethodName(method)) {
    throw new CliError(`--method ${method}: allowed: ${DRIFT_METHODS.join(', ')}`);
  }
  const [ref, cur] = await Promise.all([readFrame(opts.reference), readFrame(opts.current)]);
  const options: DriftOptions = {
    method,
    alpha: config.drift.alpha,
    thresholds: config.drift.distance_thresholds,
    datasetShare: config.drift.dataset_share,
    ...(opts.columns
      ? {
          columns: opts.columns
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        }
      : {}),
  };
  const cells = (ref.frame.rows + cur.frame.rows) * Math.max(1, ref.frame.columns.length);
  let report: DriftReport;
  try {
    report =
      cells >= PARALLEL_FROM_CELLS
        ? await detectDriftParallel(ref.frame, cur.frame, options)
        : detectDrift(ref.frame, cur.frame, options);
  } catch (err) {
    // The core names the column and method; the files give the context.
    throw new CliError(`${opts.reference} vs ${opts.current}: ${(err as Error).message}`);
  }
  if (opts.json) printJson(report);
  else printText(report);
  return report.columns.some((c) => c.drifted) ? EXIT.finding : EXIT.ok;
}

function printText(r: DriftReport): void {
  const rows = r.columns.map((c) => [
    c.column,
    c.method,
    fmt(c.statistic),
    c.pValue === null ? '-' : fmt(c.pValue),
    `${TESTS.has(c.method) ? 'p <=' : '>='} ${fmt(c.threshold)}`,
    c.drifted ? 'DRIFT' : 'ok',
    c.note ?? '',
  ]);
  const drifted = r.columns.filter((c) => c.drifted).length;
  process.stdout.write(
    `${textTable(['column', 'method', 'statistic', 'p-value', 'drifts when', 'state', 'note'], rows)}\n\n` +
      `${drifted} of ${r.columns.length} columns drifted (${pct(r.driftedShare)}); ` +
      `dataset drift: ${r.datasetDrift ? 'YES' : 'no'}\n`,
  );
}
