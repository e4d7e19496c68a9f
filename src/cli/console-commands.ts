/**
 * `mmops console` (also `mmops` alone), `mmops status` and `mmops alerts`. Actions are imported when they
 * run, so the plain-text commands never load Ink or React.
 */
import type { Command } from 'commander';
import { registerAlertsSubcommands } from './alerts-commands.js';
import { EXIT } from './exit.js';
import type { RunContext } from './main.js';
import { nearestCommand } from './nearest-command.js';

/** Registers console (the default command), status and alerts. */
export function registerConsole(program: Command, ctx: RunContext): void {
  program
    .command('console', { isDefault: true })
    .description('full-screen operations console: panels, alerts, runbooks (the default command)')
    .usage('[options]')
    // Why an argument: as the default command, console receives any word that names no command
    // (`mmops statsu`, and any words after it). Declared (with no description, so help does not list it) it reaches the action,
    // which refuses it as an unknown command instead of opening the console or "too many arguments".
    .argument('[command...]')
    .option('--no-color', 'no colours (states keep their symbols and words); NO_COLOR does the same')
    .action(async (words: string[], _opts, cmd: Command) => {
      if (words[0] !== undefined) refuseUnknownCommand(program, words[0]);
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

/** Ends the parse with commander's usage error (exit 2): the unknown word and the nearest command. */
function refuseUnknownCommand(program: Command, word: string): never {
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  const near = nearestCommand(word, names);
  const hint = near ? `\n(Did you mean ${near}?)` : '';
  program.error(`error: unknown command '${word}'${hint}`, {
    exitCode: EXIT.usage,
    code: 'commander.unknownCommand',
  });
}
