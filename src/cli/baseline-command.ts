/** `mmops baseline show|set|reset`: registered here, its action imported only when it runs. */
import type { Command } from 'commander';
import type { SetOpts } from './baseline.js';
import type { RunContext } from './main.js';

/** Registers `baseline show|set|reset`. */
export function registerBaseline(program: Command, ctx: RunContext): void {
  const baseline = program
    .command('baseline')
    .description("the engine's performance baseline: show it, set it (after a retrain), reset it");
  baseline
    .command('show')
    .description('the baseline degradation is measured against, where it came from and when')
    .option('--json', 'print one JSON document')
    .action(async (opts: SetOpts, cmd: Command) => {
      ctx.exitCode = await (await import('./baseline.js')).run('show', opts, cmd);
    });
  baseline
    .command('set')
    .description('adopt the current window (--from-window) or figures from a JSON file (--file)')
    .option('--from-window', "the current window's accuracy, precision, recall, F1 and label shares")
    .option(
      '--file <file>',
      'JSON: {"accuracy":..,"precision":..,"recall":..,"f1":..[,"predictionShares":{}]}',
    )
    .option('--json', 'print one JSON document')
    .action(async (opts: SetOpts, cmd: Command) => {
      ctx.exitCode = await (await import('./baseline.js')).run('set', opts, cmd);
    });
  baseline
    .command('reset')
    .description('forget it: the next window with 200 scored predictions becomes the baseline')
    .option('--json', 'print one JSON document')
    .action(async (opts: SetOpts, cmd: Command) => {
      ctx.exitCode = await (await import('./baseline.js')).run('reset', opts, cmd);
    });
}
