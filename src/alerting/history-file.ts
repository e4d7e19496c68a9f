/** A file-backed alert history: NDJSON appended one entry a line, read back tolerating a torn tail. */
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { HistoryEntry, HistorySink } from './history.js';

/** A history sink that persists to one NDJSON file. */
export interface FileHistory extends HistorySink {
  readonly path: string;
  /** Appends one line; appends are written in call order. */
  append(entry: HistoryEntry): Promise<void>;
  /** Every readable entry, oldest first, after pending appends. A missing file is an empty history. */
  load(): Promise<HistoryEntry[]>;
  /** Resolves once every append made so far is on disk (or has failed): the engine's close waits for it. */
  flush(): Promise<void>;
  /** The lines the last load() skipped, each with its 1-based number and why: counted, never silent. */
  invalidLines(): readonly InvalidLine[];
}

/** A line of the history file that is not a history entry. */
export interface InvalidLine {
  line: number;
  reason: string;
}

/** One sentence for a log: how many lines of `path` were skipped, and the first of them. */
export function describeInvalidLines(path: string, invalid: readonly InvalidLine[]): string | null {
  const first = invalid[0];
  if (!first) return null;
  const n = invalid.length;
  return `${path}: ${n} line${n === 1 ? '' : 's'} skipped, not history entries (first: line ${first.line}: ${first.reason})`;
}

/** Options of createFileHistory. */
export interface FileHistoryOptions {
  /** Told about each line that is not a history entry (1-based line number); such lines are skipped. */
  onInvalidLine?: (line: number, reason: string) => void;
}

const severity = z.enum(['warning', 'critical']);
const status = z.enum(['inactive', 'pending', 'firing', 'resolved']);
const entrySchema = z.object({
  ts: z.number(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  severity: severity.nullable(),
  previousSeverity: severity.optional(),
  from: status,
  to: status,
  value: z.number().nullable(),
});

/** How far back from the end the tail repair looks for the last newline; entries are far shorter. */
const TAIL_BYTES = 64 * 1024;

/**
 * Opens (lazily) an NDJSON history at `path`. A crash mid-append can leave a torn last line; load()
 * skips it, and the first append truncates it so the next entry does not glue onto it and become an
 * unreadable line in the middle of the file.
 */
export function createFileHistory(path: string, options: FileHistoryOptions = {}): FileHistory {
  let chain: Promise<void> = Promise.resolve();
  let repaired = false;
  let invalid: InvalidLine[] = [];
  const enqueue = (job: () => Promise<void>): Promise<void> => {
    const run = chain.then(job);
    chain = run.catch(() => {}); // one failed append must not block the ones after it
    return run;
  };
  return {
    path,
    append(entry) {
      const line = `${JSON.stringify(entry)}\n`;
      return enqueue(async () => {
        if (!repaired) {
          // Private: alert labels and values (issue 17, defect 13).
          await mkdir(dirname(path), { recursive: true, mode: 0o700 });
          await repairTail(path);
          repaired = true;
        }
        await appendFile(path, line, { encoding: 'utf8', mode: 0o600 });
      });
    },
    flush: () => chain,
    invalidLines: () => invalid,
    async load() {
      await chain;
      invalid = [];
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
      const skipped: InvalidLine[] = [];
      const entries = parseLines(text, (line, reason) => {
        skipped.push({ line, reason });
        options.onInvalidLine?.(line, reason);
      });
      invalid = skipped;
      return entries;
    },
  };
}

function parseLines(text: string, onInvalid: FileHistoryOptions['onInvalidLine']): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const torn = i === lines.length - 1; // no newline after it: the write never finished
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      onInvalid?.(i + 1, torn ? 'torn last line (incomplete write)' : 'not JSON');
      return;
    }
    const result = entrySchema.safeParse(parsed);
    if (result.success) entries.push(result.data as HistoryEntry);
    else onInvalid?.(i + 1, result.error.issues[0]?.message ?? 'not a history entry');
  });
  return entries;
}

// Cuts the file back to its last newline when it does not end with one.
async function repairTail(path: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const length = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    if (tail[length - 1] === 0x0a) return;
    const cut = tail.lastIndexOf(0x0a);
    if (cut >= 0) await handle.truncate(size - length + cut + 1);
    else if (size <= TAIL_BYTES) await handle.truncate(0);
    else await handle.write('\n', size); // a line longer than TAIL_BYTES: terminate it; load() skips it
  } finally {
    await handle.close();
  }
}
