/**
 * `mmops alerts ack|silence|silences|unsilence|show|history`: the console's alert actions as commands, for
 * scripts and for sessions without a full terminal. Each action's module loads when it runs.
 */
import type { Command } from 'commander';
import type { RunContext } from './main.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * The subcommand's options with --json wherever it was typed: commander gives `alerts ack X --json` to the
 * parent `alerts` (its own --json), and positional options would need the root's too, breaking `--config`.
 */
function withJson<T extends { json?: boolean }>(opts: T, cmd: Command): T {
  return cmd.parent?.opts<{ json?: boolean }>().json ? { ...opts, json: true } : opts;
}

/** Registers the subcommands under `alerts`. */
export function registerAlertsSubcommands(alerts: Command, ctx: RunContext): void {
  alerts
    .command('ack')
    .description(
      'acknowledge: a silence marked ACK! that the engine extends while the alert fires, expires once it resolves',
    )
    .argument('<name>', 'the alertname')
    .requiredOption('--comment <text>', 'what you are doing about it')
    .option('--label <k=v>', 'narrow to alerts with this label (repeatable)', collect)
    .option('--author <who>', 'who acks (default $MMOPS_AUTHOR, else user@host)')
    .option('--json', 'print one JSON document')
    .action(async (name: string, opts, cmd: Command) => {
      ctx.exitCode = await (await import('./alerts-ack.js')).run(name, withJson(opts, cmd), cmd);
    });
  alerts
    .command('silence')
    .description('silence the alerts the matchers hit (shown first); over a day needs --yes')
    .argument('<matcher...>', 'name=value, name!=value, name=~regex or name!~regex')
    .requiredOption('--duration <d>', 'how long: 30m, 2h, 1d')
    .requiredOption('--comment <text>', 'why')
    .option('--author <who>', 'who silences (default $MMOPS_AUTHOR, else user@host)')
    .option('--target <where>', 'auto (where the alerts are), alertmanager or engine', 'auto')
    .option('--yes', 'confirm a silence longer than a day')
    .option('--json', 'print one JSON document')
    .action(async (matchers: string[], opts, cmd: Command) => {
      ctx.exitCode = await (await import('./alerts-silence.js')).run(matchers, withJson(opts, cmd), cmd);
    });
  alerts
    .command('silences')
    .description("Alertmanager's and the engine's silences and acks")
    .option('--all', 'include expired ones')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./alerts-silences.js')).runList(withJson(opts, cmd), cmd);
    });
  alerts
    .command('unsilence')
    .description('expire a silence or ack now')
    .argument('<id>', 'the silence id')
    .option('--json', 'print one JSON document')
    .action(async (id: string, opts, cmd: Command) => {
      ctx.exitCode = await (await import('./alerts-silences.js')).runExpire(id, withJson(opts, cmd), cmd);
    });
  alerts
    .command('show')
    .description('one alert: labels, annotations, value, since, sources, silence, ack or inhibition, history')
    .argument('<name>', 'the alertname')
    .option('--label <k=v>', 'narrow to alerts with this label (repeatable)', collect)
    .option('--json', 'print one JSON document')
    .action(async (name: string, opts, cmd: Command) => {
      ctx.exitCode = await (await import('./alerts-show.js')).run(name, withJson(opts, cmd), cmd);
    });
  alerts
    .command('history')
    .description("state changes (engine, Prometheus' ALERTS), silences and acks over a range")
    .option('--since <d>', 'how far back: 1h, 24h, 7d', '24h')
    .option('--json', 'print one JSON document')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./alerts-history.js')).run(withJson(opts, cmd), cmd);
    });
}
