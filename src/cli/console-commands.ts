/**
 * `mmops console` (also `mmops` alone), `mmops status` and `mmops alerts`. Actions are imported when they
 * run, so the plain-text commands never load Ink or React.
 */
import type { Command } from 'commander';
import { registerAlertsSubcommands } from './alerts-commands.js';
import type { RunContext } from './main.js';

/** Registers console (the default command), status and alerts. */
export function registerConsole(program: Command, ctx: RunContext): void {
  program
    .command('console', { isDefault: true })
    .description('full-screen operations console: panels, alerts, runbooks (the default command)')
    .option('--no-color', 'no colours (states keep their symbols and words); NO_COLOR does the same')
    .action(async (_opts, cmd: Command) => {
      ctx.exitCode = await (await import('./console.js')).run(cmd);
    });

  program
    .command('status')
    .description('every panel once as text: exit 0 ok, 1 warning or critical, 3 a source unreachable')
    .option('--json', 'print one JSON document')
    .option('--watch <seconds>', 'print again every SECONDS until interrupted')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./status.js')).run(opts, cmd);
    });

  const alerts = program
    .command('alerts')
    .description(
      'active alerts of Prometheus, Alertmanager and the engine, merged: exit 0 none firing, 1 firing, 3 unreachable',
    )
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./alerts.js')).run(opts, cmd);
    });
  registerAlertsSubcommands(alerts, ctx);
}
