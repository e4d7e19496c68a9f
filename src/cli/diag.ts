/**
 * `mmops diag ...`: the guide's scripts as subcommands the runbooks call (health_check.py,
 * model_diagnostics.py, the resource and log reviews). Each action is imported only when it runs.
 */
import type { Command } from 'commander';
import type { RunContext } from './main.js';

/** Registers `diag` and its subcommands. */
export function registerDiag(program: Command, ctx: RunContext): void {
  const diag = program
    .command('diag')
    .description('diagnostics the runbooks call (exit 0 ok, 1 finding, 2 bad input)');

  diag
    .command('logs')
    .description('error patterns in the model service app and error logs (the guide: grep ERROR app.log)')
    .option('--log-dir <dir>', 'directory holding app.log and error.log (default $MMOPS_LOG_DIR)')
    .option('--app <file>', 'the application log')
    .option('--error <file>', 'the error log')
    .option('--since <duration>', 'only lines this recent, e.g. 15m, 1h, 24h', '24h')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./diag-logs.js')).run(opts, cmd);
    });

  diag
    .command('resources')
    .description(
      'CPU, memory, disks, mmops directories and the top processes (the guide: ps, df, du, meminfo, nproc)',
    )
    .option('--top <n>', 'how many processes to list by memory and by CPU', '5')
    .option(
      '--fleet',
      'instead of this host: every host node-exporter reports to Prometheus, and which are over their levels',
    )
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = opts.fleet
        ? await (await import('./diag-fleet.js')).run(opts, cmd)
        : await (await import('./diag-resources.js')).run(opts, cmd);
    });

  diag
    .command('health')
    .description(
      'every configured dependency: engine, Prometheus (and its targets), Alertmanager, Grafana, MLflow, model service, database',
    )
    .option(
      '--require <services>',
      'only these must answer (exit 3 otherwise); default: every configured one',
    )
    .option('--optional <services>', 'these are listed but never decide exit 3, e.g. grafana,mlflow')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./diag-health.js')).run(opts, cmd);
    });

  diag
    .command('model')
    .description(
      'model accuracy, F1, degradation, drift, latency and errors from the engine (model_diagnostics.py)',
    )
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./diag-model.js')).run(opts, cmd);
    });

  diag
    .command('store')
    .description(
      'the prediction store: accuracy by day and model, actuals arrived and how late, request volume per ' +
        'minute, the slowest minutes (PostgreSQL, read-only)',
    )
    .option('--url <url>', 'the database (default storage.database_url, DATABASE_URL)')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./diag-store.js')).run(opts, cmd);
    });

  diag
    .command('trends')
    .description('key metrics over the last window against the one before (week over week) from Prometheus')
    .option('--window <duration>', 'the window to compare, e.g. 7d (the guide: weekly), 1d, 1h', '7d')
    .option('--tolerance <ratio>', 'a relative change worse than this is a finding', '0.1')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./diag-trends.js')).run(opts, cmd);
    });
}
