/** `mmops runbook history` and `mmops runbook sign-off`: the journal's runs, their real verdicts, the routines. */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import {
  appendSignOff,
  countStatuses,
  type JournalEntry,
  JournalReadError,
  overallStatus,
  readJournal,
  routineDone,
  routineStatus,
  secs,
} from '../runbook/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { operatorName } from './runbook-session.js';
import { textTable } from './text-table.js';

// An unreadable journal is an error (exit 2 naming the file), never "no runs yet".
function journal(dir: string) {
  try {
    return readJournal(dir);
  } catch (err) {
    if (err instanceof JournalReadError) throw new CliError(err.message);
    throw err;
  }
}

function warnBadLines(badLines: number[]): void {
  if (badLines.length) {
    const n = badLines.length;
    process.stderr.write(
      `mmops: ${n} journal line${n > 1 ? 's' : ''} invalid (${badLines.join(', ')}): not a run or a sign-off of a known run; skipped\n`,
    );
  }
}

/** `runbook history`: routine status, then the latest runs, each with its verdict recomputed from its steps. */
export async function history(opts: { limit: string; json?: boolean }, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError(`--limit ${opts.limit}: expected a whole number >= 1`);
  const { entries, badLines } = journal(config.runbooks.journal_dir);
  const routines = routineStatus(entries, config.runbooks.schedule, Date.now());
  const runs = entries
    .slice(-limit)
    .reverse()
    .map((e) => ({
      runId: e.runId,
      runbook: e.runbook.id,
      kind: e.runbook.kind,
      // recomputed: entries written before INCOMPLETE and UNREACHABLE existed said PASS for a closed run
      status: overallStatus(e.steps),
      done: routineDone(e),
      signOff: e.signOff ?? null,
      counts: countStatuses(e.steps),
      user: e.user,
      host: e.host,
      startedAt: e.startedAt,
      durationMs: e.durationMs,
      report: e.reports?.markdown ?? null,
    }));
  if (opts.json) {
    printJson({ routines, runs, badLines });
    return EXIT.ok;
  }
  const rrows = routines.map((r) => [
    r.kind,
    r.state,
    r.lastDone
      ? `${r.lastDone.at} ${r.lastDone.runbook} ${r.lastDone.signedOff !== undefined ? `${r.lastDone.status}, signed off` : r.lastDone.status}`
      : 'never',
    r.lastRun && !r.lastRun.done ? `${r.lastRun.at} ${r.lastRun.status}` : '-',
    r.dueAt ?? 'now',
  ]);
  const rows = runs.map((r) => [
    r.startedAt,
    r.runbook,
    r.signOff ? `${r.status} (signed off)` : r.status,
    `${r.counts.PASS}/${r.counts.WARN}/${r.counts.FAIL}/${r.counts.SKIPPED}`,
    `${r.user}@${r.host}`,
    secs(r.durationMs),
    r.runId,
  ]);
  process.stdout.write(
    `${textTable(['routine', 'state', 'last done', 'last run (not done)', 'due'], rrows)}\n\n${
      rows.length
        ? textTable(['started', 'runbook', 'verdict', 'P/W/F/S', 'by', 'took', 'run'], rows)
        : 'no runs yet'
    }\n`,
  );
  warnBadLines(badLines);
  return EXIT.ok;
}

/**
 * `runbook sign-off RUN --note TEXT`: the operator's word that a run counts for its routine although it
 * FAILed or ended early ("htop is not installed here; checked by hand"). RUN is a run id, or a runbook id
 * for its latest run. The note goes to the journal with who, where and when.
 */
export async function signOff(run: string, opts: { note?: string }, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const note = (opts.note ?? '').trim();
  if (!note) throw new CliError('sign-off needs --note TEXT: what was checked by hand, or why it is done');
  const dir = config.runbooks.journal_dir;
  const { entries } = journal(dir);
  const entry: JournalEntry | undefined =
    entries.find((e) => e.runId === run) ?? entries.filter((e) => e.runbook.id === run).at(-1);
  if (!entry)
    throw new CliError(`no run "${run}" in the journal (a run id, or a runbook id for its latest run)`);
  const at = new Date().toISOString();
  appendSignOff(dir, { runId: entry.runId, note, user: operatorName(), host: hostname(), at });
  process.stdout.write(
    `signed off ${entry.runId} (${entry.runbook.id}, ${overallStatus(entry.steps)}): ${note}\n`,
  );
  return EXIT.ok;
}
