/** `mmops console`: loads the config and runs the full-screen app. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config/index.js';
import { preloadConsole, type RunConsoleOptions, runConsole } from '../console/index.js';
import { levelBook } from '../monitor/index.js';
import { configFor, rootConfigFile } from './config-option.js';
import { consoleAlertContext } from './console-alert-context.js';
import { defaultLogDir } from './log-dir.js';
import { consoleRunbookPort } from './runbook-session.js';

/** Runs the console; resolves to the exit code. */
export async function run(cmd: Command): Promise<number> {
  // React's development build is several times slower and bigger; a console on a production host wants neither.
  process.env.NODE_ENV ??= 'production';
  preloadConsole(); // Ink loads while the config is read
  const { config } = configFor(cmd);
  if (cmd.opts<{ color?: boolean }>().color === false) process.env.NO_COLOR = '1';
  return runConsoleWithRunbooks(config, rootConfigFile(cmd));
}

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
  extra: Pick<RunConsoleOptions, 'onFault'> = {},
): Promise<number> {
  const runbooks = consoleRunbookPort(config, configFile ? { configFile } : {});
  try {
    const onPanelError = panelErrorLog(join(defaultLogDir(), 'console.log'));
    return await runConsole({
      config,
      levels: levelBook(config),
      runbooks,
      onPanelError,
      alertContext: consoleAlertContext(config),
      ...extra,
    });
  } finally {
    runbooks.dispose();
  }
}
