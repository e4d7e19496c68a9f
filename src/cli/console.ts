/** `mmops console`: loads the config and runs the full-screen app. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { type Config, demoStateFile, type Origins } from '../config/index.js';
import { type EndpointInUse, preloadConsole, type RunConsoleOptions, runConsole } from '../console/index.js';
import { levelBook } from '../monitor/index.js';
import { configuredDependencies } from '../sources/index.js';
import { configFor, rootConfigFile } from './config-option.js';
import { consoleAlertContext } from './console-alert-context.js';
import { asConsoleProcess } from './console-process.js';
import { defaultLogDir } from './log-dir.js';
import { consoleRunbookPort } from './runbook-session.js';

/** Runs the console; resolves to the exit code. */
export async function run(cmd: Command): Promise<number> {
  asConsoleProcess();
  preloadConsole(); // Ink loads while the config is read
  const { config, origins } = configFor(cmd);
  if (cmd.opts<{ color?: boolean }>().color === false) process.env.NO_COLOR = '1';
  return runConsoleWithRunbooks(config, rootConfigFile(cmd), { endpoints: endpointsInUse(config, origins) });
}

/**
 * The URLs the console uses, for its help: every configured dependency (the database's password masked),
 * each marked when the running demo's state file gave it (configFor records that origin).
 */
export function endpointsInUse(config: Config, origins?: Origins): EndpointInUse[] {
  const stateFile = demoStateFile();
  return configuredDependencies(config).map((d) => {
    const o = origins?.get(DEPENDENCY_KEY[d.name] ?? '');
    const fromDemo = o?.kind === 'file' && o.file === stateFile;
    return { name: d.name, url: d.url, ...(fromDemo ? { demoStateFile: stateFile } : {}) };
  });
}

// The config keys the running demo may fill (config/demo-state.ts).
const DEPENDENCY_KEY: Record<string, string> = {
  engine: 'sources.engine_url',
  prometheus: 'sources.prometheus_url',
  alertmanager: 'sources.alertmanager_url',
};

/** Appends each panel error, with its stack, to `file`: the panel shows the message, the log the rest. */
function panelErrorLog(file: string): NonNullable<RunConsoleOptions['onPanelError']> {
  return (panel, err) => {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      appendFileSync(file, `${new Date().toISOString()} panel ${panel}: ${text}\n`, { mode: 0o600 });
    } catch {
      // the log is best effort: the panel itself already shows the error
    }
  };
}

/**
 * The console with the runbooks of this installation (walkthroughs, the routines), over `config`; the
 * runbook steps' `mmops` runs with `configFile`. `extra` adds the demo's fault switch.
 */
export async function runConsoleWithRunbooks(
  config: Config,
  configFile: string | undefined,
  extra: Pick<RunConsoleOptions, 'onFault' | 'endpoints' | 'stop'> = {},
): Promise<number> {
  const runbooks = consoleRunbookPort(config, configFile ? { configFile } : {});
  try {
    const onPanelError = panelErrorLog(join(defaultLogDir(), 'console.log'));
    return await runConsole({
      config,
      levels: levelBook(config),
      runbooks,
      onPanelError,
      endpoints: endpointsInUse(config),
      alertContext: consoleAlertContext(config),
      ...extra,
    });
  } finally {
    runbooks.dispose();
  }
}
