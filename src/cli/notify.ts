/** `mmops notify ...`: the notification channels. The action's module is imported only when it runs. */
import type { Command } from 'commander';
import type { RunContext } from './main.js';

/** Registers `notify` and its `test` subcommand. */
export function registerNotify(program: Command, ctx: RunContext): void {
  const notify = program.command('notify').description('the alert notification channels');
  notify
    .command('test')
    .description(
      'send a clearly marked test alert through each configured channel (email, slack, webhook, alertmanager) ' +
        'and report delivered or failed per channel (exit 0 all delivered, 1 one failed, 2 not configured)',
    )
    .option('--channel <name>', 'only this channel: email, slack, webhook or alertmanager')
    .option('--wait <seconds>', "how long to wait for Alertmanager's receivers to try the alert", '45')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./notify-test.js')).run(opts, cmd);
    });
}
