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
  writeFileSync(markdown, renderMarkdown(record), { mode: 0o600 });
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

/** A journal entry as read back. */
export type JournalEntry = RunRecord & { reports?: { markdown: string; json: string } };

/** Reads the journal, oldest first; lines that do not parse are counted, not fatal. */
export function readJournal(dir: string): { entries: JournalEntry[]; badLines: number[] } {
  let text: string;
  try {
    text = readFileSync(journalFile(dir), 'utf8');
  } catch {
    return { entries: [], badLines: [] };
  }
  const entries: JournalEntry[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const e = JSON.parse(line) as JournalEntry;
      if (typeof e.runId === 'string' && e.runbook && Array.isArray(e.steps)) entries.push(e);
      else badLines.push(i + 1);
    } catch {
      badLines.push(i + 1);
    }
  });
  return { entries, badLines };
}
