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
 * A file rewritten within one tick of the file system's clock (a few ms on ext4 and xfs, which take the
 * kernel's coarse clock; 1-2 s on some other file systems) to the same size reads as unchanged until its
 * next change: it takes two same-size saves of one file within a tick, around a re-read.
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

/**
 * What identifies one version of a file: its inode, size, modification time and status-change time (a
 * chmod or chown changes only the last: a runbook made readable again must load); '-' when there is no
 * such file; null when it cannot be told (stat failed otherwise, say EACCES on its directory): then the
 * file is read again, so its error shows rather than an old answer.
 */
export function fileVersion(file: string): string | null {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? '-' : null;
  }
}

/** A file's last outcome: the runbook, or the RunbookError that it threw. */
interface Parsed {
  version: string | null;
  outcome: Runbook | RunbookError;
}

/**
 * `loadRunbooks(dirs, opts)`, remembered: each call lists the dirs again and parses only the files that
 * changed; with no file added, removed or changed it returns the previous result itself.
 */
export function createRunbookLoader(
  dirs: string[],
  opts: ParseOptions = {},
  version: (file: string) => string | null = fileVersion,
): () => LoadedRunbooks {
  let parsed = new Map<string, Parsed>();
  let last: { key: string; result: LoadedRunbooks } | undefined;
  return () => {
    const seen = new Map<string, Parsed>();
    const parseFile = (file: string): Runbook => {
      const v = version(file);
      let p = parsed.get(file);
      if (v === null || p?.version !== v) {
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
    if (last?.key === key && ![...seen.values()].some((p) => p.version === null)) return last.result;
    last = { key, result };
    return result;
  };
}

/** `readJournal(dir).entries`, read again only when the journal file changed (an append changes its size). */
export function createJournalReader(
  dir: string,
  version: (file: string) => string | null = fileVersion,
): () => JournalEntry[] {
  let last: { version: string | null; entries: JournalEntry[] } | undefined;
  return () => {
    const v = version(journalFile(dir));
    // null: the journal's state is unknown (stat failed): read it, so its JournalReadError reaches the deck
    if (v !== null && last?.version === v) return last.entries;
    const entries = readJournal(dir).entries;
    last = { version: v, entries };
    return entries;
  };
}
