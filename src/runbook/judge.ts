/** Judges what a step observed against its expectation: PASS, WARN, FAIL or SKIPPED, with the reason. */
import type { Expectation, NumericExpect } from './expect-schema.js';
import type { StepStatus } from './types.js';

/** What a step kind saw; each kind fills the parts it has. */
export interface Observed {
  exitCode?: number;
  httpStatus?: number;
  /** The text the text expectations read (stdout, body, rows, series). */
  text?: string;
  /** The values the numeric expectations read; `null` when the text was not a number. */
  values?: { label: string; value: number | null }[];
  /** Row or series count. */
  rows?: number;
}

/** A verdict. */
export interface Verdict {
  status: StepStatus;
  reason: string;
}

const list = (c: number | number[] | undefined) => (c === undefined ? undefined : Array.isArray(c) ? c : [c]);
/** Short number formatting for reasons: 4 significant digits. */
export const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4))));
const NUMERIC_KEYS = ['below', 'above', 'atMost', 'atLeast', 'equals', 'warnAbove', 'warnBelow'] as const;

/** Judges `obs` against `expect`: any failed bound FAILs, else any warn bound WARNs, else PASS. */
export function judge(expect: Expectation, obs: Observed): Verdict {
  const fails: string[] = [];
  const warns: string[] = [];
  const oks: string[] = [];
  if (obs.exitCode !== undefined) {
    code('exit code', obs.exitCode, list(expect.exitCode) ?? [0], list(expect.warnExitCode), {
      fails,
      warns,
      oks,
    });
  }
  if (obs.httpStatus !== undefined) {
    const allowed = list(expect.status) ?? [
      obs.httpStatus >= 200 && obs.httpStatus < 300 ? obs.httpStatus : 200,
    ];
    code('HTTP', obs.httpStatus, allowed, list(expect.warnStatus), { fails, warns, oks });
  }
  const hasNumeric = NUMERIC_KEYS.some((k) => expect[k] !== undefined);
  if (obs.values !== undefined && obs.values.length === 0 && (hasNumeric || expect.noData)) {
    const what = expect.noData ?? 'warn';
    if (what === 'skip') return { status: 'SKIPPED', reason: 'no data' };
    (what === 'fail' ? fails : what === 'warn' ? warns : oks).push('no data');
  } else if (hasNumeric) {
    for (const { label, value } of obs.values ?? []) {
      const name = label ? `${label} = ` : '';
      if (value === null) fails.push(`${label || 'output'} is not a number`);
      else bounds(expect, value, name, { fails, warns, oks });
    }
  }
  if (expect.rows && obs.rows !== undefined) bounds(expect.rows, obs.rows, 'rows = ', { fails, warns, oks });
  if (obs.text !== undefined) text(expect, obs.text, { fails, warns, oks });
  if (fails.length) return { status: 'FAIL', reason: fails.join('; ') };
  if (warns.length) return { status: 'WARN', reason: warns.join('; ') };
  return { status: 'PASS', reason: oks.join('; ') || 'ok' };
}

type Sink = { fails: string[]; warns: string[]; oks: string[] };

function code(what: string, got: number, allowed: number[], warn: number[] | undefined, s: Sink): void {
  if (warn?.includes(got)) s.warns.push(`${what} ${got}`);
  else if (!allowed.includes(got)) s.fails.push(`${what} ${got} (expected ${allowed.join(' or ')})`);
  else s.oks.push(`${what} ${got}`);
}

/** Applies numeric bounds to one value. */
function bounds(e: NumericExpect, v: number, name: string, s: Sink): void {
  const at = `${name}${num(v)}`;
  const before = s.fails.length + s.warns.length;
  if (e.below !== undefined && !(v < e.below)) s.fails.push(`${at}, not below ${num(e.below)}`);
  if (e.above !== undefined && !(v > e.above)) s.fails.push(`${at}, not above ${num(e.above)}`);
  if (e.atMost !== undefined && !(v <= e.atMost)) s.fails.push(`${at}, above the maximum ${num(e.atMost)}`);
  if (e.atLeast !== undefined && !(v >= e.atLeast))
    s.fails.push(`${at}, below the minimum ${num(e.atLeast)}`);
  if (e.equals !== undefined && v !== e.equals) s.fails.push(`${at}, expected ${num(e.equals)}`);
  if (s.fails.length === before) {
    if (e.warnAbove !== undefined && v > e.warnAbove) s.warns.push(`${at}, above ${num(e.warnAbove)}`);
    if (e.warnBelow !== undefined && v < e.warnBelow) s.warns.push(`${at}, below ${num(e.warnBelow)}`);
  }
  if (s.fails.length + s.warns.length === before) s.oks.push(at);
}

function text(e: Expectation, t: string, s: Sink): void {
  const re = (p: string) => new RegExp(p, 'm');
  if (e.matches !== undefined && !re(e.matches).test(t)) s.fails.push(`output does not match /${e.matches}/`);
  if (e.notMatches !== undefined && re(e.notMatches).test(t))
    s.fails.push(`output matches /${e.notMatches}/`);
  if (e.contains !== undefined && !t.includes(e.contains)) s.fails.push(`output lacks "${e.contains}"`);
  if (e.notContains !== undefined && t.includes(e.notContains))
    s.fails.push(`output contains "${e.notContains}"`);
  if (e.warnIfMatches !== undefined && re(e.warnIfMatches).test(t))
    s.warns.push(`output matches /${e.warnIfMatches}/`);
  if (e.warnIfNotMatches !== undefined && !re(e.warnIfNotMatches).test(t)) {
    s.warns.push(`output does not match /${e.warnIfNotMatches}/`);
  }
  if (e.warnIfContains !== undefined && t.includes(e.warnIfContains))
    s.warns.push(`output contains "${e.warnIfContains}"`);
}
