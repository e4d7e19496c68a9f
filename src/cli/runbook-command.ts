/**
 * `mmops runbook ...`: list, show, run and the run history. Each action's module is imported only when it
 * runs, so `mmops --help` and other commands start fast.
 */
import type { Command } from 'commander';
import type { RunContext } from './main.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** Registers `runbook` and its subcommands. */
export function registerRunbook(program: Command, ctx: RunContext): void {
  const runbook = program
    .command('runbook')
    .description("the guides' daily, weekly, monthly and alert procedures as executable Markdown");

  runbook
    .command('list')
    .description(
      'the shipped runbooks, your own in $XDG_CONFIG_HOME/mmops/runbooks (~/.config/mmops/runbooks), the config runbooks.dirs and --dir (exit 2 if one is malformed)',
    )
    .option('--dir <dir>', 'also load runbooks from this directory (repeatable)', collect, [])
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./runbook.js')).list(opts, cmd);
    });

  runbook
    .command('show')
    .description("a runbook's params and steps with their guidance and actions")
    .argument('<id>', 'runbook id, or a FILE.md')
    .option('--dir <dir>', 'also load runbooks from this directory (repeatable)', collect, [])
    .option('--json', 'print one JSON document')
    .action(async (id: string, opts, cmd: Command) => {
      ctx.exitCode = await (await import('./runbook.js')).show(id, opts, cmd);
    });

  runbook
    .command('run')
    .description(
      'run a runbook step by step (exit 0 no step failed, 1 a step failed, 2 bad runbook, param or send setting, 3 a source unreachable); a report that could not be sent is said on stderr and leaves the exit code alone',
    )
    .argument('[id]', "runbook id, or a FILE.md (with --resume: the run's runbook by default)")
    .option(
      '--resume <run>',
      'continue run RUN (its id, from runbook history) at its failed or unfinished step, same params',
    )
    .option('--yes', 'unattended: accept confirmations, skip manual and interactive steps')
    .option(
      '--param <name=value>',
      'a runbook param; reaches commands as MMOPS_PARAM_<NAME> (repeatable)',
      collect,
      [],
    )
    .option(
      '--label <name=value>',
      'an alert label; reaches commands as MMOPS_ALERT_<NAME> (repeatable)',
      collect,
      [],
    )
    .option('--report <file>', 'also write the report here: FILE.md (Markdown) and FILE.json beside it')
    .option(
      '--email <to>',
      'email the report (Markdown body, JSON attached) through config notify.smtp (repeatable, or a comma list)',
      collect,
      [],
    )
    .option('--slack', 'post a summary of the run to config notify.slack.webhook_url')
    .option('--keep-going', 'continue after a failed step')
    .option('--dir <dir>', 'also load runbooks from this directory (repeatable)', collect, [])
    .option('--json', 'print the run record as one JSON document')
    .action(async (id: string | undefined, opts, cmd: Command) => {
      ctx.exitCode = await (await import('./runbook.js')).run(id, opts, cmd);
    });

  runbook
    .command('history')
    .description(
      'recent runs with their verdicts, and whether each daily/weekly/monthly routine is due (done: every step judged, none FAILed, or signed off)',
    )
    .option('--limit <n>', 'how many runs to list', '20')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./runbook-history.js')).history(opts, cmd);
    });

  runbook
    .command('sign-off')
    .description(
      'count a run for its routine although it FAILed or ended early, with a note (kept in the journal)',
    )
    .argument('<run>', 'a run id (see history), or a runbook id for its latest run')
    .requiredOption('--note <text>', 'what was checked by hand, or why the routine is done')
    .action(async (run: string, opts, cmd: Command) => {
      ctx.exitCode = await (await import('./runbook-history.js')).signOff(run, opts, cmd);
    });
}
