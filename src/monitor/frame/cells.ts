/** Cell-level parsing shared by every reader: what counts as missing, numbers, ISO-8601 dates, booleans. */

/**
 * Text that means "no value": pandas' default `na_values` (STR_NA_VALUES in pandas/_libs/parsers.pyx,
 * which the guide's `isnull()` inherits through read_csv; pandas 2 added 'None') plus the infinity
 * spellings, because we count +/-inf as missing (pandas would need `use_inf_as_na`).
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
  'inf',
  '-inf',
  '+inf',
  'Inf',
  '-Inf',
  '+Inf',
  'INF',
  '-INF',
  '+INF',
  'Infinity',
  '-Infinity',
  '+Infinity',
]);

/** True when the text is one of the MISSING_TOKENS. */
export function isMissingText(s: string): boolean {
  return MISSING_TOKENS.has(s);
}

const RADIX_PREFIX = /^\s*[+-]?0[xXbBoO]/;
const BLANK = /^\s*$/;

/**
 * Parses text as a decimal number (surrounding whitespace allowed, as pandas' parser does).
 * Returns NaN when the text is not a number; +/-Infinity for overflow such as '1e400'.
 * `Number()` alone is too lenient: it reads '' and '  ' as 0 and accepts 0x/0b/0o literals.
 */
export function parseNumberText(s: string): number {
  const v = Number(s);
  if (Number.isNaN(v)) return Number.NaN;
  if (BLANK.test(s) || RADIX_PREFIX.test(s)) return Number.NaN;
  return v;
}

// YYYY-MM-DD, optionally THH:MM[:SS[.fff]] and a zone (Z, +HH, +HHMM, +HH:MM). A space may replace the T.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses an ISO-8601 date or date-time to epoch milliseconds; NaN when it is not one or names an
 * impossible date (2024-02-30). Times without a zone are read as UTC, like pandas' naive timestamps,
 * never as the host's local time (which is what `Date.parse` would do).
 */
export function parseIsoDate(s: string): number {
  const m = ISO_DATE.exec(s.trim());
  if (m === null) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCDate() !== day) return Number.NaN;
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime() - zoneOffsetMs(m[8]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

// pandas' default true_values / false_values for read_csv.
const TRUE_TEXT: ReadonlySet<string> = new Set(['true', 'True', 'TRUE']);
const FALSE_TEXT: ReadonlySet<string> = new Set(['false', 'False', 'FALSE']);

/** 'true' / 'false' for pandas' boolean spellings, else null. */
export function parseBoolText(s: string): 'true' | 'false' | null {
  if (TRUE_TEXT.has(s)) return 'true';
  if (FALSE_TEXT.has(s)) return 'false';
  return null;
}

const TIMESTAMP_NAME = /^(ts|timestamp|time|date|datetime)$/i;

/** Column names whose numbers are read as epoch milliseconds: ts, timestamp, time, date, datetime. */
export function isTimestampName(name: string): boolean {
  return TIMESTAMP_NAME.test(name);
}
