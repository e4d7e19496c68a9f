/**
 * `mmops check ...`: the scripted diagnostics that runbooks call (quality, drift, performance).
 * Each action's module is imported only when it runs, so `mmops --help` and other commands start fast.
 */
import type { Command } from 'commander';
import { DRIFT_METHODS } from '../config/index.js';
import type { RunContext } from './main.js';

/** Registers `check` and its subcommands. */
export function registerCheck(program: Command, ctx: RunContext): void {
  const check = program
    .command('check')
    .description('data quality, drift and model performance checks (exit 0 clean, 1 finding, 2 bad input)');

  check
    .command('quality')
    .description('missing values, duplicates, types, outliers, consistency and the guide quality score')
    .requiredOption('--current <file>', 'the data to check (CSV or NDJSON)')
    .option('--reference <file>', 'reference data: adds out-of-range values and unseen categories')
    .option(
      '--schema <auto|ohlcv|none|file>',
      'expected types: auto (the guide OHLCV types when OHLCV columns exist), ohlcv, none, or a YAML file',
      'auto',
    )
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./check-quality.js')).run(opts, cmd);
    });

  check
    .command('drift')
    .description('data drift per column: KS (as scipy), Wasserstein, PSI, Jensen-Shannon, chi-square')
    .requiredOption('--reference <file>', 'reference data (CSV or NDJSON)')
    .requiredOption('--current <file>', 'current data (CSV or NDJSON)')
    .option('--method <name>', `${DRIFT_METHODS.join('|')} (default: drift.method from config)`)
    .option('--columns <a,b>', 'only these columns')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./check-drift.js')).run(opts, cmd);
    });

  check
    .command('performance')
    .description('accuracy, weighted precision/recall/F1 (as scikit-learn), business and latency metrics')
    .requiredOption('--data <file>', 'predictions with labels (CSV or NDJSON)')
    .option('--label <col>', 'column holding the true label', 'actual')
    .option('--prediction <col>', 'column holding the predicted label', 'prediction')
    .option('--confidence <col>', 'column holding the confidence (0-1), when present', 'confidence')
    .option('--return <col>', 'column holding the realised return, when present', 'return')
    .option('--reference <file>', 'reference predictions: report degradation against their metrics')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./check-performance.js')).run(opts, cmd);
    });
}
