/** The run journal: one NDJSON line per run in `<journal_dir>/journal.ndjson`, plus the per-run reports. */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandHome } from '../config/index.js';
import { capText } from './output.js';
import type { RunRecord } from './record.js';
import { renderJson, renderMarkdown } from './report.js';

/** Output kept per stream per step in the journal (the reports keep the full capped output). */
export const JOURNAL_OUTPUT_CAP = 16 * 1024;

/** The journal file in `dir` (`~` expanded). */
export function journalFile(dir: string): string {
  return join(expandHome(dir), 'journal.ndjson');
}

/** Appends `record` (already redacted) as one line, and writes reports/<runId>.md and .json beside it. */
export function appendJournal(
  dir: string,
  record: RunRecord,
): { journal: string; markdown: string; json: string } {
  const root = expandHome(dir);
  // Private: runs hold params, labels and step output (issue 17, defect 13: they were 0644 in 0755 dirs).
  mkdirSync(join(root, 'reports'), { recursive: true, mode: 0o700 });
  const markdown = join(root, 'reports', `${record.runId}.md`);
  const json = join(root, 'reports', `${record.runId}.json`);
  writeFileSync(markdown, renderMarkdown(record, { fullOutput: json }), { mode: 0o600 });
  writeFileSync(json, renderJson(record), { mode: 0o600 });
  const entry = {
    ...record,
    steps: record.steps.map((s) => ({
      ...s,
      stdout: capText(s.stdout, JOURNAL_OUTPUT_CAP),
      stderr: capText(s.stderr, JOURNAL_OUTPUT_CAP),
    })),
    reports: { markdown, json },
  };
  // one write of one line: concurrent runs on the same host append whole lines
  appendFileSync(journalFile(dir), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  return { journal: journalFile(dir), markdown, json };
}

/** The operator's word that a routine run counts as done although it FAILed or ended early. */
export interface SignOff {
  runId: string;
  note: string;
  user: string;
  host: string;
  at: string;
}

/** A journal entry as read back, with its sign-off when the operator gave one. */
export type JournalEntry = RunRecord & { reports?: { markdown: string; json: string }; signOff?: SignOff };

/** The journal could not be read (other than missing): the history is unknown, not empty. */
export class JournalReadError extends Error {
  constructor(file: string, cause: Error) {
    super(`cannot read the journal ${file}: ${cause.message}`);
    this.name = 'JournalReadError';
  }
}

/** Appends a sign-off line for a run already in the journal. */
export function appendSignOff(dir: string, signOff: SignOff): void {
  mkdirSync(expandHome(dir), { recursive: true });
  appendFileSync(journalFile(dir), `${JSON.stringify({ type: 'sign-off', ...signOff })}\n`);
}

/**
 * Reads the journal, oldest first, each sign-off attached to its run. A missing journal is an empty
 * history; any other read error (EACCES, EISDIR) throws JournalReadError, because "no runs" would make
 * every routine look due. Lines that do not parse, and sign-offs of unknown runs, are counted, not fatal.
 */
export function readJournal(dir: string): { entries: JournalEntry[]; badLines: number[] } {
  const file = journalFile(dir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], badLines: [] };
    throw new JournalReadError(file, err as Error);
  }
  const entries: JournalEntry[] = [];
  const byId = new Map<string, JournalEntry>();
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const v = parseLine(line);
    if (v && 'steps' in v) {
      entries.push(v);
      byId.set(v.runId, v);
      return;
    }
    const run = v ? byId.get(v.runId) : undefined;
    if (v && run) run.signOff = v;
    else badLines.push(i + 1);
  });
  return { entries, badLines };
}

// A run entry, a sign-off, or null for a line that is neither (a torn write, a hand edit).
function parseLine(line: string): JournalEntry | SignOff | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof e !== 'object' || e === null || typeof e.runId !== 'string') return null;
  if (e.type === 'sign-off') {
    const ok = ['note', 'user', 'host', 'at'].every((k) => typeof e[k] === 'string');
    return ok ? ({ runId: e.runId, note: e.note, user: e.user, host: e.host, at: e.at } as SignOff) : null;
  }
  return e.runbook && Array.isArray(e.steps) ? (e as unknown as JournalEntry) : null;
}
