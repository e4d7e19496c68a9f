/**
 * `mmops engine`, `mmops simulate` and `mmops demo`: the long-running commands. Each action's module is
 * imported only when it runs, so `mmops --help` and the other commands start fast.
 */
import type { Command } from 'commander';
import type { RunContext } from './main.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Registers `engine`. */
export function registerEngine(program: Command, ctx: RunContext): void {
  program
    .command('engine')
    .description('the monitoring engine: ingest API, evaluation, alerts, /metrics (127.0.0.1:8000)')
    .option(
      '--host <host>',
      'address to bind (default engine.host, 127.0.0.1); off loopback a token is required',
    )
    .option('--port <port>', 'port to listen on (default engine.port, 8000; 0 picks a free one)')
    .option('--data-dir <dir>', 'event log, reference, baseline and alert history (default engine.data_dir)')
    .option('--reference <file>', 'reference data for drift (CSV or NDJSON); default: the stored one')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./engine-run.js')).run(opts, cmd);
    });
}

/** Registers `simulate`. */
export function registerSimulate(program: Command, ctx: RunContext): void {
  program
    .command('simulate')
    .description('the demo model service: sends predictions and actuals to an engine, with switchable faults')
    .option('--engine <url>', 'the engine to send to, e.g. http://127.0.0.1:8000')
    .option('--rate <n>', 'records per second', '20')
    .option(
      '--fault <names>',
      'drift|latency|errors|quality|accuracy|memory (repeat or comma-separate)',
      collect,
    )
    .option('--seed <n>', 'random seed', '42')
    .option(
      '--log-dir <dir>',
      'where app.log and error.log go (default $MMOPS_LOG_DIR or ~/.local/state/mmops/logs)',
    )
    .option(
      '--write-reference <file>',
      'write a fault-free reference data set (CSV, or NDJSON for .ndjson) and exit',
    )
    .option('--rows <n>', 'rows of the reference data set', '5000')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./simulate-run.js')).run(opts, cmd);
    });
}

/** Registers `gameday`. */
export function registerGameday(program: Command, ctx: RunContext): void {
  program
    .command('gameday')
    .description(
      'every demo fault against a demo it starts itself: what fired where, how fast, how fast it cleared ' +
        '(exit 0 all as expected, 1 not)',
    )
    .option('--faults <names>', 'comma-separated faults (default: every fault with an alert)')
    .option('--healthy <seconds>', 'length of the healthy phase that must stay quiet', '120')
    .option('--short', 'the short form: latency only, after a shorter warm-up (the test suite runs it)')
    .option('--json', 'print the matrix as one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./gameday.js')).run(opts, cmd);
    });
}

/** Registers `demo`. */
export function registerDemo(program: Command, ctx: RunContext): void {
  program
    .command('demo')
    .description(
      'the whole loop on this machine: engine, simulator, and Prometheus/Alertmanager when installed',
    )
    .option('--no-console', 'print status lines instead of opening the console')
    .option('--rate <n>', 'records per second the simulator sends', '20')
    .option('--seed <n>', 'random seed', '42')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./demo-run.js')).run(opts, cmd);
    });
}
