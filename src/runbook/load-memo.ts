/**
 * Runbooks and the journal for a process that reads them again and again (the console, every minute: cron
 * and other operators change them meanwhile). A file whose size, modification time and inode are those of
 * the last read is not read or parsed again, and when nothing changed the very same result comes back, so
 * the caller tells "unchanged" by identity and need not redraw.
 *
 * Why: the console parsed every runbook each minute whether or not one had changed (YAML front matter,
 * the schemas of every action): 20-50 ms of CPU and ~5 MB of garbage a minute, an eighth of an idle
 * console's allocation (bench/README.md, "Console").
 *
 * A file rewritten within the file system's timestamp resolution to the same size reads as unchanged
 * until its next change: ext4 and xfs stamp nanoseconds, so this takes two writes within one tick.
 */
import { statSync } from 'node:fs';
import { type JournalEntry, journalFile, readJournal } from './journal.js';
import {
  type LoadedRunbooks,
  loadRunbooks,
  type ParseOptions,
  parseRunbookFile,
  RunbookError,
} from './parse.js';
import type { Runbook } from './types.js';

/** What identifies one version of a file: its inode, size and modification time; '-' when there is none. */
export function fileVersion(file: string): string {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return '-';
  }
}

/** A file's last outcome: the runbook, or the RunbookError that it threw. */
interface Parsed {
  version: string;
  outcome: Runbook | RunbookError;
}

/**
 * `loadRunbooks(dirs, opts)`, remembered: each call lists the dirs again and parses only the files that
 * changed; with no file added, removed or changed it returns the previous result itself.
 */
export function createRunbookLoader(
  dirs: string[],
  opts: ParseOptions = {},
  version: (file: string) => string = fileVersion,
): () => LoadedRunbooks {
  let parsed = new Map<string, Parsed>();
  let last: { key: string; result: LoadedRunbooks } | undefined;
  return () => {
    const seen = new Map<string, Parsed>();
    const parseFile = (file: string): Runbook => {
      const v = version(file);
      let p = parsed.get(file);
      if (p?.version !== v) {
        try {
          p = { version: v, outcome: parseRunbookFile(file, opts) };
        } catch (err) {
          if (!(err instanceof RunbookError)) throw err;
          p = { version: v, outcome: err };
        }
      }
      seen.set(file, p);
      if (p.outcome instanceof RunbookError) throw p.outcome;
      return p.outcome;
    };
    const result = loadRunbooks(dirs, opts, parseFile);
    // files no longer listed are forgotten
    parsed = seen;
    const key = [...seen].map(([file, p]) => `${file}\u0000${p.version}`).join('\n');
    if (last?.key === key) return last.result;
    last = { key, result };
    return result;
  };
}

/** `readJournal(dir).entries`, read again only when the journal file changed (an append changes its size). */
export function createJournalReader(
  dir: string,
  version: (file: string) => string = fileVersion,
): () => JournalEntry[] {
  let last: { version: string; entries: JournalEntry[] } | undefined;
  return () => {
    const v = version(journalFile(dir));
    if (last?.version === v) return last.entries;
    const entries = readJournal(dir).entries;
    last = { version: v, entries };
    return entries;
  };
}
