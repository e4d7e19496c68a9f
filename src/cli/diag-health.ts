/**
 * `mmops diag health`: the guides' health_check.py, check_application_health and check_service_health.
 * Every configured dependency (engine, Prometheus and its targets, Alertmanager, Grafana, MLflow, the model
 * service and its model loading, the database) is checked, and each one is required unless `--optional`
 * names it or `--require` names the others: monitoring that is down is an outage of its own (issue 12).
 */
import type { Command } from 'commander';
import {
  checkDependency,
  configuredDependencies,
  DEPENDENCY_KEYS,
  DEPENDENCY_NAMES,
  type DependencyCheck,
  type DependencyName,
} from '../sources/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  require?: string;
  optional?: string;
  json?: boolean;
}

/** One row of the report: a dependency's verdict and whether it decides exit 3. */
export type HealthRow = DependencyCheck & { required: boolean };

/** The overall verdict: unreachable (a required one did not answer), unhealthy (one answered badly), healthy. */
export function overallHealth(rows: readonly HealthRow[]): 'healthy' | 'unhealthy' | 'unreachable' {
  if (rows.some((r) => r.required && r.state === 'unreachable')) return 'unreachable';
  return rows.some((r) => r.state === 'unhealthy') ? 'unhealthy' : 'healthy';
}

/** Which configured dependencies are required: all by default, `--require` only those, `--optional` all but those. */
export function requiredSet(
  configured: readonly DependencyName[],
  opts: Pick<Opts, 'require' | 'optional'>,
): Set<DependencyName> {
  const parse = (flag: string, value: string | undefined) => {
    const names = (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const n of names) {
      if (!(DEPENDENCY_NAMES as readonly string[]).includes(n))
        throw new CliError(`${flag} ${n}: allowed: ${DEPENDENCY_NAMES.join(', ')}`);
      if (!configured.includes(n as DependencyName))
        throw new CliError(
          `${flag} ${n}: ${n} is not configured (set ${DEPENDENCY_KEYS[n as DependencyName]})`,
        );
    }
    return names as DependencyName[];
  };
  const required = parse('--require', opts.require);
  const optional = parse('--optional', opts.optional);
  const base = opts.require === undefined ? configured : required;
  return new Set(base.filter((n) => !optional.includes(n)));
}

/** Runs `diag health`: exit 3 when a required dependency is unreachable, 1 when one is unhealthy, else 0. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const deps = configuredDependencies(config);
  const required = requiredSet(
    deps.map((d) => d.name),
    opts,
  );
  const timeoutMs = config.sources.timeout_seconds * 1000;
  const rows: HealthRow[] = (await Promise.all(deps.map((d) => checkDependency(d, timeoutMs)))).map((c) => ({
    ...c,
    required: required.has(c.service),
  }));
  const status = overallHealth(rows);
  const down = rows.filter((r) => r.required && r.state === 'unreachable');
  const notConfigured = DEPENDENCY_NAMES.filter((n) => !deps.some((d) => d.name === n));
  if (opts.json) printJson({ status, checks: rows, notConfigured, timestamp: new Date().toISOString() });
  else {
    const table = rows.map((c) => [
      c.service,
      c.state.toUpperCase(),
      c.required ? 'yes' : 'no',
      c.ms === null ? '-' : `${Math.round(c.ms)} ms`,
      c.url,
      c.detail,
    ]);
    const lines = [
      textTable(['service', 'state', 'required', 'time', 'url', 'detail'], table),
      '',
      ...(notConfigured.length ? [`not configured: ${notConfigured.join(', ')}`] : []),
      `overall: ${status}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  // Named on stderr as well, so cron mail and a runbook step's reason say which one is down and why.
  for (const d of down) process.stderr.write(`mmops: ${d.service} unreachable at ${d.url}: ${d.detail}\n`);
  if (status === 'unreachable') return EXIT.unreachable;
  return status === 'healthy' ? EXIT.ok : EXIT.finding;
}
