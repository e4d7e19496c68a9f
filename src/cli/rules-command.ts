/**
 * `mmops rules ...`: Prometheus rule files and alertmanager.yml from the config. The action's module is
 * imported only when it runs, so other commands start fast.
 */
import type { Command } from 'commander';
import type { RunContext } from './main.js';

/** Registers `rules` and its `render` subcommand. */
export function registerRules(program: Command, ctx: RunContext): void {
  const rules = program
    .command('rules')
    .description(
      'Prometheus alert and recording rules, their promtool tests and alertmanager.yml, from the config',
    );

  rules
    .command('render')
    .description(
      'write alert_rules.yml, recording_rules.yml and tests/alert_rules.test.yml into --dir from the config ' +
        'thresholds (exit 0 written or up to date, 1 stale with --check, 2 bad input)',
    )
    .option('--dir <dir>', 'directory of the rule files', 'prometheus')
    .option('--out <file>', 'write only the alert rules, to FILE (- for stdout)')
    .option('--alertmanager <file>', 'write alertmanager.yml from the notify settings to FILE (- for stdout)')
    .option('--for-override <duration>', 'use this "for" in every alert rule, e.g. 5s for a test stack')
    .option(
      '--grafana <file>',
      'the Grafana dashboard whose threshold lines to render (default grafana/dashboards/overview.json with --dir prometheus)',
    )
    .option('--check', 'compare with the files instead of writing them; exit 1 when any differs')
    .action(async (opts, cmd: Command) => {
      ctx.exitCode = await (await import('./rules.js')).run(opts, cmd);
    });
}
