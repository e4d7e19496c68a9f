/** The demo service's own logs, app.log and error.log: the files the runbooks tail and grep for ERROR. */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A log level; error.log receives ERROR lines only. */
export type LogLevel = 'INFO' | 'WARN' | 'ERROR';
/** Values of the key=value pairs after the message. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

// A bare value must not contain what would split or confuse the key=value grammar.
const BARE = /^[^\s"=]+$/;

/**
 * One line: `2026-11-23T12:00:00.000Z ERROR prediction failed error_type=timeout id=abc`.
 * Values with spaces, quotes or '=' are JSON-quoted; undefined values are left out.
 */
export function formatLogLine(ts: number, level: LogLevel, message: string, fields: LogFields = {}): string {
  let line = `${new Date(ts).toISOString()} ${level} ${message.replace(/\s+/g, ' ')}`;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const text = String(value);
    line += ` ${key}=${BARE.test(text) ? text : JSON.stringify(text)}`;
  }
  return line;
}

/** Where and how the logs go. */
export interface LogFileOptions {
  dir: string;
  /** Epoch ms for each line. */
  now: () => number;
  /** When a file would grow past this, it is renamed to `<name>.1` (replacing the old one). Default 10 MiB. */
  maxBytes?: number;
  /** Told once per failure kind when a write fails; logging never throws into the simulator. */
  onError?: (err: Error) => void;
}

/** Buffers lines and appends them to app.log and error.log on flush. */
export interface LogFile {
  /** Buffers one line and returns it. */
  log(level: LogLevel, message: string, fields?: LogFields): string;
  /** Appends the buffered lines. Called once per simulator tick and on stop. */
  flush(): void;
  readonly appLog: string;
  readonly errorLog: string;
}

/** Opens (creating the directory if needed) the log pair in `opts.dir`. */
export function openLogFile(opts: LogFileOptions): LogFile {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const appLog = join(opts.dir, 'app.log');
  const errorLog = join(opts.dir, 'error.log');
  const pending = new Map<string, string[]>([
    [appLog, []],
    [errorLog, []],
  ]);
  const sizes = new Map<string, number>();
  let reported = false;
  const fail = (err: unknown) => {
    if (reported) return;
    reported = true; // one notice, not one per tick while the disk is full
    opts.onError?.(err instanceof Error ? err : new Error(String(err)));
  };
  try {
    mkdirSync(opts.dir, { recursive: true });
  } catch (err) {
    fail(err);
  }
  const sizeOf = (file: string): number => {
    let size = sizes.get(file);
    if (size === undefined) {
      try {
        size = statSync(file).size;
      } catch {
        size = 0;
      }
    }
    return size;
  };
  const write = (file: string, lines: string[]) => {
    if (lines.length === 0) return;
    const chunk = `${lines.join('\n')}\n`;
    const bytes = Buffer.byteLength(chunk);
    let size = sizeOf(file);
    if (size > 0 && size + bytes > maxBytes) {
      renameSync(file, `${file}.1`); // simple rotation: one old generation, as logrotate's rotate 1
      size = 0;
    }
    appendFileSync(file, chunk);
    sizes.set(file, size + bytes);
  };
  return {
    appLog,
    errorLog,
    log(level, message, fields) {
      const line = formatLogLine(opts.now(), level, message, fields);
      pending.get(appLog)!.push(line);
      if (level === 'ERROR') pending.get(errorLog)!.push(line);
      return line;
    },
    flush() {
      for (const [file, lines] of pending) {
        try {
          write(file, lines);
        } catch (err) {
          sizes.delete(file); // re-read the size next time: the file may have been moved under us
          fail(err);
        }
        lines.length = 0;
      }
    },
  };
}
