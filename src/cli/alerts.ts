/** `mmops alerts [--json]`: the merged alerts of Prometheus, Alertmanager and the engine, as text or JSON. */
import type { Command } from 'commander';
import { alertsText, anyUnreachable, collectAlerts } from '../console/index.js';
import { configFor, printJson } from './config-option.js';
import { EXIT } from './exit.js';

/** Runs the command: exit 3 when a source is unreachable, 1 when an alert fires, else 0. */
export async function run(opts: { json?: boolean }, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const s = await collectAlerts(config);
  const code = anyUnreachable(s.sources)
    ? EXIT.unreachable
    : s.state === 'warning' || s.state === 'critical'
      ? EXIT.finding
      : EXIT.ok;
  if (opts.json) {
    printJson({
      at: new Date(s.at).toISOString(),
      state: s.state,
      exitCode: code,
      sources: s.sources,
      alerts: s.alerts,
    });
  } else {
    process.stdout.write(`${alertsText(s)}\n`);
  }
  return code;
}
