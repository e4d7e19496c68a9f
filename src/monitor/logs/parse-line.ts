/** Reads one application log line: timestamp, level, message and key=value fields. */

/** One parsed log line. `ts` is epoch ms, NaN when the line has no readable timestamp. */
export interface LogLine {
  ts: number;
  level: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'OTHER';
  message: string;
  fields: Record<string, string>;
}

// `2026-11-23T12:00:00.000Z ERROR msg k=v` (mmops simulate) and Python logging's
// `2026-11-23 12:00:00,123 - name - ERROR - msg` both start with an ISO-like stamp.
const STAMP = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)\s*/;
const LEVEL = /\b(ERROR|CRITICAL|FATAL|WARN(?:ING)?|INFO|DEBUG)\b/;
const FIELD = /(\w+)=("(?:[^"\\]|\\.)*"|\S+)/g;

/** Parses a line; a line with no recognisable level is OTHER (a stack trace continuation, say). */
export function parseLogLine(line: string): LogLine {
  const stamp = STAMP.exec(line);
  let ts = Number.NaN;
  let rest = line;
  if (stamp) {
    const text = stamp[1]!.replace(' ', 'T').replace(',', '.');
    // A stamp without a zone is read as UTC, as the engine reads record timestamps.
    ts = Date.parse(/Z|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
    rest = line.slice(stamp[0].length);
  }
  const lvl = LEVEL.exec(rest);
  const level = lvl ? normaliseLevel(lvl[1]!) : 'OTHER';
  let message = lvl ? rest.slice(lvl.index + lvl[0].length) : rest;
  message = message.replace(/^[\s:-]+/, '');
  const fields: Record<string, string> = {};
  const firstField = message.search(/\s\w+=/);
  for (const m of message.matchAll(FIELD)) {
    const v = m[2]!;
    fields[m[1]!] = v.startsWith('"') ? safeJson(v) : v;
  }
  if (firstField >= 0) message = message.slice(0, firstField);
  return { ts, level, message: message.trim(), fields };
}

function normaliseLevel(word: string): LogLine['level'] {
  if (word === 'CRITICAL' || word === 'FATAL') return 'ERROR';
  if (word.startsWith('WARN')) return 'WARN';
  return word as LogLine['level'];
}

function safeJson(quoted: string): string {
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted.slice(1, -1);
  }
}
