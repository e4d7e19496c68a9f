/** `mmops runbook list|show|run|history`: wires the runbook room to config, Prometheus, the terminal. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { fingerprint } from '../alerting/index.js';
import type { Config } from '../config/index.js';
import {
  appendJournal,
  countStatuses,
  findings,
  findRun,
  headline,
  loadRunbooks,
  ParamError,
  parseAssignments,
  parseRunbookFile,
  ResumeError,
  type Runbook,
  RunbookError,
  type RunEvent,
  type RunRecord,
  readJournal,
  renderJson,
  renderMarkdown,
  resumePoint,
  runRunbook,
  secs,
  terminalOperator,
  unattendedOperator,
} from '../runbook/index.js';
import { configFor, printJson, rootConfigFile } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { parseRecipients, planSend, sendReport } from './runbook-send.js';
import { createMmopsShim, runbookDirs, sessionOptions } from './runbook-session.js';
import { textTable } from './text-table.js';

/** A runbook by id (from the dirs) or by path (FILE.md); throws CliError (exit 2) naming file:line. */
function findRunbook(idOrFile: string, config: Config, extra: string[]): Runbook {
  if (idOrFile.endsWith('.md') || idOrFile.includes('/')) {
    try {
      return parseRunbookFile(idOrFile, { levels: config });
    } catch (err) {
      if (err instanceof RunbookError) throw new CliError(err.message);
      throw err;
    }
  }
  const { runbooks, errors } = loadRunbooks(runbookDirs(config, extra), { levels: config });
  const found = runbooks.find((r) => r.id === idOrFile);
  if (found) return found;
  const broken = errors.find((e) => e.file.endsWith(`/${idOrFile}.md`));
  if (broken) throw new CliError(broken.message);
  throw new CliError(`no runbook "${idOrFile}" (known: ${runbooks.map((r) => r.id).join(', ') || 'none'})`);
}

function printErrors(errors: RunbookError[]): void {
  for (const e of errors) process.stderr.write(`mmops: ${e.message}\n`);
}

/** `runbook list`. */
export async function list(opts: { dir: string[]; json?: boolean }, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const { runbooks, errors } = loadRunbooks(runbookDirs(config, opts.dir), { levels: config });
  if (opts.json) {
    printJson({
      runbooks: runbooks.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        alerts: r.alerts,
        summary: r.summary,
        params: r.params,
        steps: r.steps.length,
        file: r.file,
      })),
      errors: errors.map((e) => e.message),
    });
  } else {
    const rows = runbooks.map((r) => [
      r.id,
      r.kind,
      String(r.steps.length),
      r.alerts.join(', ') || '-',
      r.title,
    ]);
    process.stdout.write(`${textTable(['id', 'kind', 'steps', 'alerts', 'title'], rows)}\n`);
  }
  printErrors(errors);
  return errors.length > 0 ? EXIT.usage : EXIT.ok;
}

/** `runbook show ID`. */
export async function show(
  id: string,
  opts: { dir: string[]; json?: boolean },
  cmd: Command,
): Promise<number> {
  const { config } = configFor(cmd);
  const rb = findRunbook(id, config, opts.dir);
  if (opts.json) {
    printJson(rb);
    return EXIT.ok;
  }
  const out = [`${rb.title} (${rb.id}, ${rb.kind})`, rb.summary, `file: ${rb.file}`];
  if (rb.alerts.length) out.push(`alerts: ${rb.alerts.join(', ')}`);
  for (const p of rb.params)
    out.push(`param ${p.name} = ${JSON.stringify(p.default)}${p.description ? `  # ${p.description}` : ''}`);
  for (const s of rb.steps) {
    out.push('', `## ${s.index + 1}. ${s.title}${s.action ? ` [${s.action.lang}]` : ' [manual]'}`);
    if (s.guidance) out.push(s.guidance);
    if (s.action) {
      const attrs = Object.keys(s.action.attrs).length ? ` ${JSON.stringify(s.action.attrs)}` : '';
      out.push(`\`\`\`${s.action.lang}${attrs}`, s.action.code, '```');
      for (const [field, path] of Object.entries(s.action.levelRefs ?? {}))
        out.push(`(${field} from config ${path})`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}

/** The run options, as commander parses them. */
export interface RunOpts {
  yes?: boolean;
  param: string[];
  label: string[];
  report?: string;
  keepGoing?: boolean;
  dir: string[];
  json?: boolean;
  /** --email: recipients of the report (repeatable, or a comma list). */
  email?: string[];
  /** --slack: post a summary to config notify.slack.webhook_url. */
  slack?: boolean;
  /** --resume RUN: continue that journalled run at its failed or unfinished step. */
  resume?: string;
}

/** The run to resume and where: exit 2 naming why it cannot be (no such run, nothing left, runbook changed). */
function resumeFrom(run: string, config: Config, opts: RunOpts, id: string | undefined) {
  if (opts.param.length > 0 || opts.label.length > 0) {
    throw new CliError(
      '--resume runs with the params and labels of the run it resumes: drop --param and --label',
    );
  }
  try {
    const entry = findRun(readJournal(config.runbooks.journal_dir).entries, run);
    // the file the run read, while it is still there; else the runbook of that id from the dirs
    const rb = findRunbook(
      id ?? (existsSync(entry.runbook.file) ? entry.runbook.file : entry.runbook.id),
      config,
      opts.dir,
    );
    return { entry, rb, point: resumePoint(entry, rb) };
  } catch (err) {
    if (err instanceof ResumeError) throw new CliError(err.message);
    throw err;
  }
}

/** The alert a run starts from, when its labels name one: Alertmanager's fingerprint of them. */
function alertOf(labels: Record<string, string>) {
  return labels.alertname ? { alert: { fingerprint: fingerprint(labels), labels } } : {};
}

/**
 * `runbook run ID|FILE.md`: exit 0 when no step failed, 1 when one did, 2 on a bad runbook, param or
 * send setting, 3 when a step's source gave no answer. A report that could not be emailed or posted is said on stderr; the exit code stays the run's.
 */
export async function run(id: string | undefined, opts: RunOpts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const resumed = opts.resume ? resumeFrom(opts.resume, config, opts, id) : null;
  if (!resumed && id === undefined) throw new CliError('runbook run needs a runbook id (or --resume RUN)');
  const rb = resumed?.rb ?? findRunbook(id!, config, opts.dir);
  let params: Record<string, string>;
  let labels: Record<string, string>;
  try {
    params = resumed?.point.params ?? parseAssignments(opts.param, '--param');
    labels = resumed?.point.labels ?? parseAssignments(opts.label, '--label');
  } catch (err) {
    if (err instanceof ParamError) throw new CliError(err.message);
    throw err;
  }
  // Checked before any step runs: a missing SMTP host or webhook is a usage error, not a late surprise.
  const sendPlan = planSend(config, { email: parseRecipients(opts.email ?? []), slack: Boolean(opts.slack) });
  const shim = createMmopsShim(rootConfigFile(cmd));
  const attended = !opts.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY) && !opts.json;
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const options = {
    ...sessionOptions(config, shim, {
      operator: attended
        ? terminalOperator(process.stdin, process.stdout)
        : unattendedOperator(Boolean(opts.yes)),
      params,
      labels,
      ...(opts.keepGoing ? { continueOnFail: true } : {}),
      signal: abort.signal,
    }),
    ...alertOf(labels),
    ...(resumed ? { resume: { runId: resumed.entry.runId, ...resumed.point } } : {}),
  };
  if (resumed && !opts.json) {
    process.stdout.write(
      `resuming ${resumed.entry.runId} at step ${resumed.point.startAt + 1} (${resumed.point.carried.length} step(s) carried over)\n`,
    );
  }
  const redact = options.redact ?? ((t: string) => t);
  try {
    const record = await runRunbook(rb, options, opts.json ? undefined : printEvent).catch((err: unknown) => {
      if (err instanceof ParamError) throw new CliError(err.message);
      throw err;
    });
    let fullOutput: string | undefined;
    try {
      const saved = appendJournal(config.runbooks.journal_dir, record);
      fullOutput = saved.json;
      if (!opts.json) process.stdout.write(`\njournal: ${saved.journal}\nreport: ${saved.markdown}\n`);
    } catch (err) {
      process.stderr.write(`mmops: could not write the journal: ${(err as Error).message}\n`);
    }
    if (opts.report) writeReport(opts.report, record, fullOutput);
    if (sendPlan.email || sendPlan.slack) {
      const { sent, failed } = await sendReport(sendPlan, record, redact);
      if (!opts.json) for (const line of sent) process.stdout.write(`sent: ${line}\n`);
      for (const line of failed) process.stderr.write(`mmops: ${line}\n`);
    }
    if (opts.json) printJson(record);
    else {
      const c = countStatuses(record.steps);
      // Findings first, as the report has them: the answer before the evidence scrolled above.
      const found = findings(record);
      process.stdout.write(`\n${headline(record, found)}\n${found.map((f) => `  ${f}\n`).join('')}`);
      process.stdout.write(
        `${rb.id}: ${record.status} (${c.PASS} pass, ${c.WARN} warn, ${c.FAIL} fail, ${c.SKIPPED} skipped) in ${secs(record.durationMs)}\n`,
      );
    }
    // 128 + SIGINT, as a shell reports a command it interrupted: an interrupted run is neither clean nor a finding
    return abort.signal.aborted ? 130 : runExitCode(record);
  } finally {
    process.off('SIGINT', onSigint);
    if (shim) rmSync(shim, { recursive: true, force: true });
  }
}

/** 3 when a step's source gave no answer (as every mmops command), else 1 when a step FAILed, else 0. */
export function runExitCode(record: RunRecord): number {
  if (record.steps.some((s) => s.unreachable !== undefined)) return EXIT.unreachable;
  return record.steps.some((s) => s.status === 'FAIL') ? EXIT.finding : EXIT.ok;
}

// FILE.md gets the Markdown and FILE.json the JSON; a FILE.json gets the JSON and FILE.md the Markdown. The
// Markdown's capped outputs point at the journal's JSON report, else at FILE.json (both hold them whole).
function writeReport(file: string, record: Parameters<typeof renderJson>[0], journalJson?: string): void {
  const base = file.replace(/\.(md|json)$/, '');
  // Private, as the journal's reports (runbook/journal.ts): a run holds params, labels and step output.
  mkdirSync(dirname(resolve(file)), { recursive: true, mode: 0o700 });
  const fullOutput = journalJson ?? resolve(`${base}.json`);
  writeFileSync(`${base}.md`, renderMarkdown(record, { fullOutput }), { mode: 0o600 });
  writeFileSync(`${base}.json`, renderJson(record), { mode: 0o600 });
}

function printEvent(e: RunEvent): void {
  const w = (s: string) => process.stdout.write(s);
  if (e.type === 'run-start') w(`${e.runbook.title} (${e.runbook.id})\n`);
  else if (e.type === 'step-start')
    w(`\n== ${e.step.index + 1}. ${e.step.title} [${e.step.action?.lang ?? 'manual'}]\n`);
  else if (e.type === 'output') (e.stream === 'stderr' ? process.stderr : process.stdout).write(e.chunk);
  else if (e.type === 'step-end')
    // The whole verdict on one line (number, title, status, reason): a cron log greps it without context.
    w(
      `-- ${e.record.index + 1}. ${e.record.title}: ${e.record.status} (${secs(e.record.durationMs)}): ${e.record.reason}\n`,
    );
}
