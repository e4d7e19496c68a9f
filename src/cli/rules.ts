/** `mmops rules render`: writes (or with --check, compares) the Prometheus files rendered from the config. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import {
  ALERTMANAGER_HEADER,
  DASHBOARD_FILE,
  RULE_FILES,
  renderAlertmanager,
  renderDashboardLevels,
  renderRuleFiles,
} from '../alerting/index.js';
import { isDuration } from '../config/index.js';
import { configFor } from './config-option.js';
import { CliError, EXIT } from './exit.js';

/** The command's options, as commander parses them. */
export interface Opts {
  dir: string;
  out?: string;
  alertmanager?: string;
  forOverride?: string;
  check?: boolean;
  grafana?: string;
}

/** The shipped dashboard, two levels up from dist/cli and src/cli: the template of its threshold lines. */
const SHIPPED_DASHBOARD = fileURLToPath(new URL(`../../${DASHBOARD_FILE}`, import.meta.url));

/** One file to write or compare; `-` is stdout. */
interface Target {
  path: string;
  content: string;
}

const STDOUT = '-';

/** Renders the files and writes them, or compares them (exit 1 when one differs). */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  if (opts.forOverride !== undefined && !isDuration(opts.forOverride)) {
    throw new CliError(
      `--for-override ${JSON.stringify(opts.forOverride)}: not a duration (use e.g. 5s, 1m)`,
    );
  }
  const rules = renderRuleFiles(config, opts.forOverride ? { forOverride: opts.forOverride } : {});
  const targets: Target[] = [];
  if (opts.out !== undefined) targets.push({ path: opts.out, content: rules[RULE_FILES.alerts]! });
  if (opts.alertmanager !== undefined) {
    targets.push({ path: opts.alertmanager, content: renderAlertmanager(config, ALERTMANAGER_HEADER) });
  }
  if (targets.length === 0) {
    targets.push(
      ...Object.entries(rules).map(([file, content]) => ({ path: join(opts.dir, file), content })),
    );
    // The dashboard's threshold lines move with the levels. In the repository (`--dir prometheus`) the
    // dashboard beside it is rendered; elsewhere only when --grafana names a file.
    const grafana = opts.grafana ?? (opts.dir === 'prometheus' ? DASHBOARD_FILE : undefined);
    if (grafana !== undefined) {
      const template = await readFile(grafana, 'utf8').catch(() => readFile(SHIPPED_DASHBOARD, 'utf8'));
      targets.push({ path: grafana, content: renderDashboardLevels(template, config) });
    }
  }
  return opts.check ? check(targets) : write(targets);
}

async function write(targets: readonly Target[]): Promise<number> {
  for (const t of targets) {
    if (t.path === STDOUT) {
      process.stdout.write(t.content);
      continue;
    }
    await mkdir(dirname(t.path), { recursive: true });
    await writeFile(t.path, t.content);
    process.stderr.write(`wrote ${t.path}\n`);
  }
  return EXIT.ok;
}

async function check(targets: readonly Target[]): Promise<number> {
  let stale = 0;
  for (const t of targets) {
    if (t.path === STDOUT) throw new CliError('--check compares files: give a file, not -');
    const current = await readFile(t.path, 'utf8').catch(() => null);
    const state = current === null ? 'missing' : current === t.content ? 'up to date' : 'stale';
    if (state !== 'up to date') stale += 1;
    process.stdout.write(`${t.path}: ${state}\n`);
  }
  if (stale > 0) process.stdout.write('run `mmops rules render` to regenerate\n');
  return stale > 0 ? EXIT.finding : EXIT.ok;
}
