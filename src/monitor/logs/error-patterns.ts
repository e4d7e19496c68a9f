/** Error patterns in application logs: what the guide's `grep ERROR app.log` review looks for, counted. */
import { type LogLine, parseLogLine } from './parse-line.js';

/** One recurring error: its pattern, how often, and when it was first and last seen. */
export interface ErrorPattern {
  pattern: string;
  count: number;
  firstSeen: number | null;
  lastSeen: number | null;
  example: string;
}

/** The summary of a log over a time window. */
export interface LogSummary {
  lines: number;
  byLevel: Record<LogLine['level'], number>;
  /** Predictions served, from `records=` on batch lines; null when the log does not say. */
  records: number | null;
  /** ERROR lines of failed predictions (those with `error_type=`). */
  predictionErrors: number;
  /** predictionErrors / records; null without records. */
  errorRatio: number | null;
  /** Failed predictions by `error_type`, most frequent first. */
  errorTypes: Array<{ errorType: string; count: number }>;
  /** ERROR lines grouped by their message with numbers and ids masked, most frequent first. */
  patterns: ErrorPattern[];
  from: number | null;
  to: number | null;
}

// Ids, hex, numbers and quoted values vary between occurrences of the same error; mask them to group.
function patternOf(line: LogLine): string {
  const type = line.fields.error_type;
  const base = line.message
    .replace(/"[^"]*"/g, '"*"')
    .replace(/\b[0-9a-f]{8,}\b/gi, '<id>')
    .replace(/\d+(\.\d+)?/g, '<n>');
  return type ? `${base} error_type=${type}` : base;
}

/** A running summary: feed lines one by one (a log can be far larger than memory), then read the result. */
export interface LogSummariser {
  add(text: string): void;
  result(): LogSummary;
}

/** Starts a summary of lines whose timestamp is at or after `since` (lines without one count too). */
export function createLogSummariser(since = Number.NEGATIVE_INFINITY): LogSummariser {
  const byLevel = { ERROR: 0, WARN: 0, INFO: 0, DEBUG: 0, OTHER: 0 };
  const types = new Map<string, number>();
  const patterns = new Map<string, ErrorPattern>();
  let count = 0;
  let records: number | null = null;
  let predictionErrors = 0;
  let from: number | null = null;
  let to: number | null = null;
  const add = (text: string): void => {
    if (text.trim() === '') return;
    const line = parseLogLine(text);
    if (line.ts < since) return;
    count++;
    byLevel[line.level]++;
    if (Number.isFinite(line.ts)) {
      from = from === null ? line.ts : Math.min(from, line.ts);
      to = to === null ? line.ts : Math.max(to, line.ts);
    }
    const served = Number(line.fields.records);
    if (line.level !== 'ERROR' && Number.isFinite(served) && /batch/.test(line.message)) {
      records = (records ?? 0) + served;
    }
    if (line.level !== 'ERROR') return;
    const type = line.fields.error_type;
    if (type) {
      predictionErrors++;
      types.set(type, (types.get(type) ?? 0) + 1);
    }
    const key = patternOf(line);
    const p = patterns.get(key) ?? { pattern: key, count: 0, firstSeen: null, lastSeen: null, example: text };
    p.count++;
    if (Number.isFinite(line.ts)) {
      p.firstSeen = p.firstSeen === null ? line.ts : Math.min(p.firstSeen, line.ts);
      p.lastSeen = p.lastSeen === null ? line.ts : Math.max(p.lastSeen, line.ts);
    }
    patterns.set(key, p);
  };
  const result = (): LogSummary => ({
    lines: count,
    byLevel: { ...byLevel },
    records,
    predictionErrors,
    errorRatio: records ? predictionErrors / records : null,
    errorTypes: [...types]
      .map(([errorType, n]) => ({ errorType, count: n }))
      .sort((a, b) => b.count - a.count),
    patterns: [...patterns.values()].sort((a, b) => b.count - a.count),
    from,
    to,
  });
  return { add, result };
}

/** Summarises log lines whose timestamp is at or after `since`. */
export function summariseLog(lines: Iterable<string>, since = Number.NEGATIVE_INFINITY): LogSummary {
  const s = createLogSummariser(since);
  for (const line of lines) s.add(line);
  return s.result();
}
