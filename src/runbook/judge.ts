/**
 * The one judge of a step: what a step observed against its expectation gives PASS, WARN, FAIL or
 * SKIPPED, with the reason. Every kind calls it; no kind decides a verdict of its own from what it saw.
 */
import type { Expectation, NumericExpect } from './expect-schema.js';
import { decodeUrls, num, type Unit, valueText } from './reason-text.js';
import type { StepStatus } from './types.js';

/** What a step saw; each kind fills the parts it has. */
export interface Observed {
  exitCode?: number;
  /** Shell stderr: its last line says why a command found its source unreachable. */
  stderr?: string;
  httpStatus?: number;
  /** The text the text expectations read (stdout, body, rows, series). */
  text?: string;
  /** The values the numeric expectations read (label: `model=xgb_v2`); `null` when the text was not a number. */
  values?: { label: string; value: number | null }[];
  /** How the values read in the reason (seconds as ms, ratios as %); `expect.unit` wins. */
  unit?: Unit;
  /** Row or series count. */
  rows?: number;
  /** What the rows were (`HighCpuUtilization, SystemHealthDegraded`), named when a row bound is not met. */
  rowNames?: string;
  /** The source gave no answer at all (refused, timed out, DNS): what was asked and why. */
  unreachable?: string;
}

/** A verdict; `unreachable` is set when the step could not judge because its source gave no answer. */
export interface Verdict {
  status: StepStatus;
  reason: string;
  unreachable?: string;
}

/**
 * The mmops diagnostics' critical marker (`mmops status`: "✖ CRIT"; `diag model`, `diag resources`,
 * `check quality`: "CRITICAL"). Upper case only: their headers say "warning / critical when" in lower case.
 */
export const CRITICAL_MARKER = /\bCRIT(ICAL)?\b/;

/** The mmops exit contract (DESIGN.md "Exit codes"). */
const CONTRACT = { ok: 0, finding: 1, usage: 2, unreachable: 3 } as const;

const list = (c: number | number[] | undefined) => (c === undefined ? undefined : Array.isArray(c) ? c : [c]);

/** Short number formatting for reasons: 4 significant digits (reason-text.ts, re-exported). */
export { num };

const NUMERIC_KEYS = ['below', 'above', 'atMost', 'atLeast', 'equals', 'warnAbove', 'warnBelow'] as const;

type Sink = { fails: string[]; warns: string[]; oks: string[] };

/**
 * Judges `obs` against `expect`. An unreachable source ends the judgement (by `expect.unreachable`);
 * otherwise any failed bound FAILs, else any warn bound WARNs, else PASS. "No data" (an empty result, NaN)
 * WARNs unless the step declares `noData`: an absent metric is never silently good.
 */
export function judge(expect: Expectation, obs: Observed): Verdict {
  const gone = obs.unreachable ?? unreachableExit(expect, obs);
  if (gone !== undefined) return unreachable(expect, decodeUrls(gone));
  const s: Sink = { fails: [], warns: [], oks: [] };
  if (obs.exitCode !== undefined) {
    if (expect.finding) contract(expect.finding, obs.exitCode, obs.text ?? '', s);
    else code('exit code', obs.exitCode, list(expect.exitCode) ?? [0], list(expect.warnExitCode), s);
  }
  if (obs.httpStatus !== undefined) {
    const allowed = list(expect.status) ?? [
      obs.httpStatus >= 200 && obs.httpStatus < 300 ? obs.httpStatus : 200,
    ];
    code('HTTP', obs.httpStatus, allowed, list(expect.warnStatus), s);
  }
  if (obs.values !== undefined) {
    const skipped = values(expect, obs.values, expect.unit ?? obs.unit ?? 'none', s);
    if (skipped) return skipped;
  }
  if (expect.rows && obs.rows !== undefined) {
    const [fails, warns] = [s.fails.length, s.warns.length];
    bounds(expect.rows, obs.rows, 'rows: ', 'none', s);
    // "rows: 2, above the maximum 0" says how many; people want which
    const list = s.fails.length > fails ? s.fails : s.warns.length > warns ? s.warns : null;
    if (obs.rowNames && list) list[list.length - 1] += ` (${obs.rowNames})`;
  }
  if (obs.text !== undefined) text(expect, obs.text, s);
  if (s.fails.length) return { status: 'FAIL', reason: s.fails.join('; ') };
  if (s.warns.length) return { status: 'WARN', reason: s.warns.join('; ') };
  return { status: 'PASS', reason: s.oks.join('; ') || 'ok' };
}

// A shell command's "no answer" exit: 3 under the mmops contract, or the step's unreachableExitCode.
function unreachableExit(e: Expectation, obs: Observed): string | undefined {
  const c = obs.exitCode;
  if (c === undefined) return undefined;
  if (!(e.finding && c === CONTRACT.unreachable) && !list(e.unreachableExitCode)?.includes(c))
    return undefined;
  const why = (obs.stderr ?? '').trim().split('\n').pop()?.trim();
  return why ? `${why} (exit ${c})` : `exit ${c}`;
}

/** By default an unreachable source is not a finding about it: SKIPPED, and the run says UNREACHABLE. */
function unreachable(e: Expectation, detail: string): Verdict {
  const reason = `unreachable: ${detail}`;
  switch (e.unreachable) {
    case 'fail':
      return { status: 'FAIL', reason };
    case 'warn':
      return { status: 'WARN', reason };
    case 'skip':
      return { status: 'SKIPPED', reason };
    default:
      return { status: 'SKIPPED', reason, unreachable: detail };
  }
}

// 0 ok, 1 a finding at the step's level, 2 a usage error (the step itself is wrong), anything else a failure.
function contract(level: 'warn' | 'fail' | 'marker', c: number, out: string, s: Sink): void {
  if (c === CONTRACT.ok) s.oks.push('exit code 0');
  else if (c === CONTRACT.usage) s.fails.push('exit code 2: usage error or bad input');
  else if (c !== CONTRACT.finding) s.fails.push(`exit code ${c} (the contract has 0 to 3)`);
  else if (level === 'fail') s.fails.push('exit code 1: a finding');
  else if (level === 'warn') s.warns.push('exit code 1: a finding');
  else if (CRITICAL_MARKER.test(out)) s.fails.push(`exit code 1: a critical finding${criticalLine(out)}`);
  else s.warns.push('exit code 1: a warning-level finding');
}

// The first critical line of a diagnostic's output, so the reason says what is critical ("cpu: 100.00% of
// 2 cores (CRITICAL)"); `mmops status`' own header line only repeats the overall state.
function criticalLine(out: string): string {
  const lines = out.split('\n').filter((l) => !/^mmops (status|alerts) /.test(l));
  // `mmops alerts` marks each critical alert "✖ crit" under its upper-case header
  const line = (lines.find((l) => CRITICAL_MARKER.test(l)) ?? lines.find((l) => /✖ crit\b/.test(l)))
    ?.replace(/\s+/g, ' ')
    .trim();
  if (!line) return '';
  return `: ${line.length > 100 ? `${line.slice(0, 99)}…` : line}`;
}

function code(what: string, got: number, allowed: number[], warn: number[] | undefined, s: Sink): void {
  if (warn?.includes(got)) s.warns.push(`${what} ${got}`);
  else if (!allowed.includes(got)) s.fails.push(`${what} ${got} (expected ${allowed.join(' or ')})`);
  else s.oks.push(`${what} ${got}`);
}

// Numbers, and "no data" when there are none (or only NaN: Prometheus' 0/0). Returns a SKIPPED verdict
// when the step said `noData: "skip"` and nothing was judgeable.
function values(
  e: Expectation,
  vs: NonNullable<Observed['values']>,
  unit: Unit,
  s: Sink,
): Verdict | undefined {
  const nan = vs.filter((v) => v.value !== null && Number.isNaN(v.value));
  const judgeable = vs.filter((v) => !(v.value !== null && Number.isNaN(v.value)));
  const noData = e.noData ?? 'warn';
  if (judgeable.length === 0) {
    const why = nan.length
      ? `no data (${nan.map((v) => `${v.label || 'value'}: NaN`).join(', ')})`
      : 'no data';
    if (noData === 'skip') return { status: 'SKIPPED', reason: why };
    sink(s, noData).push(why);
    return undefined;
  }
  for (const v of nan) sink(s, noData === 'skip' ? 'warn' : noData).push(`${v.label || 'value'}: NaN`);
  if (!NUMERIC_KEYS.some((k) => e[k] !== undefined)) return undefined;
  for (const { label, value } of judgeable) {
    if (value === null) s.fails.push(`${label || 'output'} is not a number`);
    else bounds(e, value, label ? `${label}: ` : '', unit, s);
  }
  return undefined;
}

const sink = (s: Sink, what: 'pass' | 'warn' | 'fail') =>
  what === 'fail' ? s.fails : what === 'warn' ? s.warns : s.oks;

/** Applies numeric bounds to one value; the value and the bounds read in `unit`. */
function bounds(e: NumericExpect, v: number, name: string, unit: Unit, s: Sink): void {
  const u = (x: number) => valueText(x, unit);
  const at = `${name}${u(v)}`;
  const before = s.fails.length + s.warns.length;
  if (e.below !== undefined && !(v < e.below)) s.fails.push(`${at}, not below ${u(e.below)}`);
  if (e.above !== undefined && !(v > e.above)) s.fails.push(`${at}, not above ${u(e.above)}`);
  if (e.atMost !== undefined && !(v <= e.atMost)) s.fails.push(`${at}, above the maximum ${u(e.atMost)}`);
  if (e.atLeast !== undefined && !(v >= e.atLeast)) s.fails.push(`${at}, below the minimum ${u(e.atLeast)}`);
  if (e.equals !== undefined && v !== e.equals) s.fails.push(`${at}, expected ${u(e.equals)}`);
  if (s.fails.length === before) {
    if (e.warnAbove !== undefined && v > e.warnAbove) s.warns.push(`${at}, above ${u(e.warnAbove)}`);
    if (e.warnBelow !== undefined && v < e.warnBelow) s.warns.push(`${at}, below ${u(e.warnBelow)}`);
  }
  if (s.fails.length + s.warns.length === before) s.oks.push(at);
}

// Where a pattern matched, for people: the matching line around the match, at most ~80 characters
// (`"name":"HighCpuUtilization","state":"firing"` says which alert; the pattern alone does not).
function excerpt(t: string, p: string): string {
  const m = new RegExp(p, 'm').exec(t);
  if (!m) return '';
  const lineStart = t.lastIndexOf('\n', m.index - 1) + 1;
  const lineEnd = t.indexOf('\n', m.index + m[0].length);
  const from = Math.max(lineStart, m.index - 48);
  const to = Math.min(lineEnd === -1 ? t.length : lineEnd, m.index + m[0].length + 24);
  const text = t.slice(from, to).replace(/\s+/g, ' ').trim();
  return `: "${from > lineStart ? '…' : ''}${text}${to < (lineEnd === -1 ? t.length : lineEnd) ? '…' : ''}"`;
}

function text(e: Expectation, t: string, s: Sink): void {
  const re = (p: string) => new RegExp(p, 'm');
  if (e.matches !== undefined && !re(e.matches).test(t)) s.fails.push(`output does not match /${e.matches}/`);
  if (e.notMatches !== undefined && re(e.notMatches).test(t))
    s.fails.push(`output matches /${e.notMatches}/${excerpt(t, e.notMatches)}`);
  if (e.contains !== undefined && !t.includes(e.contains)) s.fails.push(`output lacks "${e.contains}"`);
  if (e.notContains !== undefined && t.includes(e.notContains))
    s.fails.push(`output contains "${e.notContains}"`);
  if (e.warnIfMatches !== undefined && re(e.warnIfMatches).test(t))
    s.warns.push(`output matches /${e.warnIfMatches}/${excerpt(t, e.warnIfMatches)}`);
  if (e.warnIfNotMatches !== undefined && !re(e.warnIfNotMatches).test(t)) {
    s.warns.push(`output does not match /${e.warnIfNotMatches}/`);
  }
  if (e.warnIfContains !== undefined && t.includes(e.warnIfContains))
    s.warns.push(`output contains "${e.warnIfContains}"`);
}
