/**
 * `mmops diag logs`: the market-maker guide's log review (`tail error.log`, `grep ERROR app.log`) as one
 * summary: levels, failed predictions by error type, recurring error patterns, and the error ratio.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { parseDuration } from '../config/index.js';
import { createLogSummariser, type LogSummary } from '../monitor/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { defaultLogDir } from './log-dir.js';
import { pct, textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  logDir?: string;
  app?: string;
  error?: string;
  since: string;
  json?: boolean;
}

/** Runs `diag logs`: exit 1 when the error ratio is above the warning level, or ERROR lines have no ratio. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const dir = opts.logDir ?? defaultLogDir();
  const appLog = opts.app ?? join(dir, 'app.log');
  const errorLog = opts.error ?? join(dir, 'error.log');
  let sinceSeconds: number;
  try {
    sinceSeconds = parseDuration(opts.since);
  } catch (err) {
    throw new CliError(`--since ${opts.since}: ${(err as Error).message}`);
  }
  if (!existsSync(appLog))
    throw new CliError(`${appLog}: no such log file (set --app, --log-dir or MMOPS_LOG_DIR)`);
  const since = Date.now() - sinceSeconds * 1000;
  const app = await summariseFile(appLog, since);
  const errors = existsSync(errorLog) ? await summariseFile(errorLog, since) : null;
  const level = config.thresholds.error_ratio;
  const finding =
    app.errorRatio !== null
      ? app.errorRatio > level.warning
      : app.byLevel.ERROR > 0 || (errors?.byLevel.ERROR ?? 0) > 0;
  const result = {
    appLog,
    errorLog: errors ? errorLog : null,
    since: new Date(since).toISOString(),
    app,
    errors,
    finding,
  };
  if (opts.json) printJson(result);
  else printText(result, level.warning);
  return finding ? EXIT.finding : EXIT.ok;
}

async function summariseFile(file: string, since: number): Promise<LogSummary> {
  const s = createLogSummariser(since);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) s.add(line);
  return s.result();
}

function printText(
  r: { appLog: string; app: LogSummary; errors: LogSummary | null; since: string },
  warn: number,
) {
  const a = r.app;
  const out = [
    `${r.appLog} since ${r.since}: ${a.lines} lines, ${a.byLevel.ERROR} ERROR, ${a.byLevel.WARN} WARN`,
    a.errorRatio === null
      ? 'error ratio: unknown (no batch lines with records=)'
      : `error ratio: ${pct(a.errorRatio)} of ${a.records} predictions (warning above ${pct(warn)})`,
  ];
  if (a.errorTypes.length) {
    out.push(
      '',
      textTable(
        ['error type', 'count'],
        a.errorTypes.map((t) => [t.errorType, t.count]),
      ),
    );
  }
  if (a.patterns.length) {
    const when = (t: number | null) => (t === null ? '-' : new Date(t).toISOString());
    out.push(
      '',
      textTable(
        ['count', 'error pattern', 'last seen'],
        a.patterns.slice(0, 10).map((p) => [p.count, p.pattern, when(p.lastSeen)]),
      ),
    );
  }
  if (r.errors) out.push('', `error log: ${r.errors.lines} lines, ${r.errors.byLevel.ERROR} ERROR`);
  process.stdout.write(`${out.join('\n')}\n`);
}
