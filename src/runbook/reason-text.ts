/**
 * Reasons written for people (issue 12, point 6): the one formatter every step kind and the judge use for
 * what they put in a reason. A series is `model=xgb_v2`, not `{__name__="...", instance="...", ...}`; a
 * value carries its unit (seconds as ms, 0-1 ratios as %); a URL shows its PromQL decoded. The record's
 * `values` and the step output keep the raw numbers and labels (`--json`).
 */

/** How a value reads: the base units of DESIGN.md "Metric names". */
export const UNITS = ['seconds', 'ratio', 'per_second', 'bytes', 'factor', 'none'] as const;
/** One of UNITS. */
export type Unit = (typeof UNITS)[number];

/** 4 significant digits, no trailing zeros: 0.06641, 25, 1.235e+9 stays readable as 1235000000. */
export const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4))));
// 3 significant digits for a value already in a friendly unit (66.4 ms, 92.7 %).
const sig3 = (n: number) => String(Number(n.toPrecision(3)));

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `v` in `unit`: 0.0664 s -> "66.4 ms", 0.927 ratio -> "92.7 %", 25 per_second -> "25/s". */
export function valueText(v: number, unit: Unit = 'none'): string {
  if (!Number.isFinite(v)) return String(v);
  switch (unit) {
    case 'seconds':
      return Math.abs(v) < 1 ? `${sig3(v * 1000)} ms` : `${sig3(v)} s`;
    case 'ratio':
      return `${sig3(v * 100)} %`;
    case 'per_second':
      return `${num(v)}/s`;
    case 'factor':
      return `${sig3(v)}×`;
    case 'bytes': {
      let i = 0;
      let x = v;
      while (Math.abs(x) >= 1024 && i < BYTE_UNITS.length - 1) {
        x /= 1024;
        i++;
      }
      return `${sig3(x)} ${BYTE_UNITS[i]}`;
    }
    default:
      return num(v);
  }
}

// Labels that name where a series was scraped: noise unless they are what tells two series apart.
const SCRAPE_LABELS = ['job', 'instance'] as const;

const pair = (k: string, v: string) => `${k}=${/^[\w.:/@-]*$/.test(v) && v !== '' ? v : JSON.stringify(v)}`;

/**
 * Names for the series of one answer, in order: `model=xgb_v2`. `__name__` always goes (the query names the
 * metric); `job` and `instance` go unless they are needed to tell the series apart (then `job` first, as
 * it reads better). A series with nothing left is ''.
 */
export function seriesNames(all: Record<string, string>[]): string[] {
  const base = all.map((l) =>
    Object.entries(l).filter(([k]) => k !== '__name__' && !(SCRAPE_LABELS as readonly string[]).includes(k)),
  );
  const distinct = (keep: readonly string[]) => {
    const keys = all.map((l, i) =>
      JSON.stringify([...base[i]!, ...keep.filter((k) => k in l).map((k) => [k, l[k]])]),
    );
    return new Set(keys).size === keys.length;
  };
  const keep = ([[], ['job'], ['instance'], ['job', 'instance']] as const).find(distinct) ?? [];
  return all.map((l, i) =>
    [...keep.filter((k) => k in l).map((k) => [k, l[k]!] as const), ...base[i]!]
      .map(([k, v]) => pair(k, v))
      .join(', '),
  );
}

/**
 * The series a row-count bound counted, for its reason: `HighCpuUtilization, SystemHealthDegraded`. Each
 * is its `alertname` when it has one (ALERTS), else its name from seriesNames; at most `max`, then "...".
 */
export function rowNames(all: Record<string, string>[], max = 3): string {
  const names = seriesNames(all).map((n, i) => all[i]!.alertname ?? n);
  const shown = names.slice(0, max).map((n) => n || '(no labels)');
  return names.length > max ? `${shown.join(', ')}, ...` : shown.join(', ');
}

// Metric names in a PromQL expression: identifiers outside strings, label matchers and ranges that are not
// followed by "(" (functions) and are not keywords.
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'offset',
  'bool',
  'inf',
  'nan',
]);
function bare(expr: string): string {
  return expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
}
function metricNames(expr: string): string[] {
  return [...bare(expr).matchAll(/(?<![\w:.])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)]
    .map((m) => m[1]!)
    .filter((n) => !KEYWORDS.has(n.toLowerCase()) && !/^\d/.test(n));
}

// A metric's own unit, from the naming conventions (Prometheus' base units; DESIGN.md: 0-1 ratios).
function unitOfName(name: string): Unit {
  if (/_timestamp_seconds$/.test(name)) return 'none';
  if (/_seconds(_bucket|_sum)?$/.test(name)) return 'seconds';
  if (/_bytes$/.test(name)) return 'bytes';
  if (/_ratio$|_(accuracy|precision|recall|f1_score)$/.test(name)) return 'ratio';
  return 'none';
}

/**
 * The unit of a PromQL expression's value, by Prometheus' naming conventions: a counter's rate is per
 * second (CPU seconds per second are cores: plain), one counter over another is a ratio, a metric over
 * itself (another window) a factor, otherwise the first metric's own unit (`_seconds`, `_ratio`, ...).
 * A step may say otherwise with `expect.unit`.
 */
export function unitOfQuery(expr: string): Unit {
  // `x or y` with different units (label_replace lists) has no one unit.
  // (`x or vector(0)`: a branch without a metric has no say.)
  const branches = topLevelSplit(expr, /^\s*or\b/).filter((b) => metricNames(b).length > 0);
  if (branches.length > 1) {
    const units = new Set(branches.map(unitOfQuery));
    return units.size === 1 ? [...units][0]! : 'none';
  }
  const main = bare(topLevelSplit(expr, /^\s*(and|unless)\b/)[0] ?? expr);
  const names = metricNames(main);
  const first = names[0];
  if (first === undefined) return 'none';
  const slash = main.indexOf('/');
  if (slash > 0) {
    const num_ = metricNames(main.slice(0, slash));
    const den = metricNames(main.slice(slash + 1));
    if (num_.length && den.length) {
      if (num_.join() === den.join()) return 'factor';
      if ([...num_, ...den].every((n) => n.endsWith('_total'))) return 'ratio';
      if (num_.every((n) => unitOfName(n) === unitOfName(den[0]!))) return 'factor';
    }
    return 'none';
  }
  if (first.endsWith('_total')) {
    const rated = new RegExp(`\\b(i?rate)\\(\\s*${first}\\b`).test(main);
    return rated && !first.endsWith('_seconds_total') ? 'per_second' : 'none';
  }
  if (/histogram_quantile/.test(main)) return first.endsWith('_seconds_bucket') ? 'seconds' : 'none';
  return unitOfName(first);
}

// Splits at the top level (parenthesis depth 0) before each match of `op`.
function topLevelSplit(expr: string, op: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && /\s/.test(c!) && op.test(expr.slice(i))) {
      parts.push(expr.slice(start, i));
      const m = /^\s*\w+/.exec(expr.slice(i))!;
      i += m[0].length - 1;
      start = i + 1;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * Shows the query strings of the URLs in `text` decoded: `.../query?query=up%7Bjob%3D%22x%22%7D` reads
 * `.../query?query=up{job="x"}`. A string that is not valid percent-encoding is left as it is.
 */
export function decodeUrls(text: string): string {
  return text.replace(/(https?:\/\/[^\s?#]+\?)([^\s#]*)/g, (_m, head: string, query: string) => {
    try {
      return head + decodeURIComponent(query.replace(/\+/g, ' '));
    } catch {
      return head + query;
    }
  });
}

// Node's and curl's words for "no answer", for people.
const NO_ANSWER_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
};

/** `ECONNREFUSED` -> `connection refused (ECONNREFUSED)`; other text unchanged. */
export function noAnswerText(why: string): string {
  return why.replace(/\b(E[A-Z_]+|UND_ERR_[A-Z_]+)\b/, (code) =>
    NO_ANSWER_WORDS[code] ? `${NO_ANSWER_WORDS[code]} (${code})` : code,
  );
}
