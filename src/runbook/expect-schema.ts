/**
 * The expectation language of a step's `expect` attribute. Three families, each with WARN variants:
 *  - codes:   exitCode / warnExitCode (shell), status / warnStatus (http)
 *  - text:    matches / notMatches / contains / notContains, warnIfMatches / warnIfContains / warnIfNotMatches,
 *             judged on the step's output (shell stdout, HTTP body, SQL rows, PromQL series as text)
 *  - numbers: below / above / atMost / atLeast / equals, warnAbove / warnBelow, judged on the value
 *             (PromQL: every series; SQL: the first column of each row; shell: the last stdout line),
 *             and `rows` (SQL row count, PromQL series count) with the same keys
 * `finding` says that a shell step's command keeps the mmops exit contract (DESIGN.md: 0 ok, 1 a finding,
 * 2 usage, 3 a source unreachable) and at which level its finding stands: "warn", "fail", or "marker" (the
 * output's CRIT marker says critical). `unreachableExitCode` names other commands' "no answer" codes
 * (curl: 6, 7, 28).
 * `noData` says what an empty PromQL/SQL result, or NaN (a shell step may print it), means: WARN unless the step declares otherwise.
 * `unit` says how the values read in reasons (seconds, ratio, per_second, bytes, factor, none).
 * `unreachable` says what a source that gave no answer at all (refused, timed out, DNS) means: UNREACHABLE
 * by default (SKIPPED with the reason; the run exits 3), or WARN, FAIL or plain SKIPPED for a step that
 * decides itself (an optional component, a reachability check).
 */
import { z } from 'zod';
import { UNITS } from './reason-text.js';
import type { Lang } from './types.js';

const codes = z.union([z.number().int(), z.array(z.number().int()).min(1)]);
const regex = z.string().refine(
  (s) => {
    try {
      new RegExp(s, 'm');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/** Numeric bounds: FAIL unless inside below/above/atMost/atLeast/equals; WARN outside warnAbove/warnBelow. */
export const numericSchema = z.strictObject({
  below: z.number().optional(),
  above: z.number().optional(),
  atMost: z.number().optional(),
  atLeast: z.number().optional(),
  equals: z.number().optional(),
  warnAbove: z.number().optional(),
  warnBelow: z.number().optional(),
});
/** Numeric bounds on one value. */
export type NumericExpect = z.infer<typeof numericSchema>;

/** The whole `expect` object. */
export const expectationSchema = numericSchema.extend({
  exitCode: codes.optional(),
  warnExitCode: codes.optional(),
  unreachableExitCode: codes.optional(),
  finding: z.enum(['warn', 'fail', 'marker']).optional(),
  status: codes.optional(),
  warnStatus: codes.optional(),
  matches: regex.optional(),
  notMatches: regex.optional(),
  contains: z.string().optional(),
  notContains: z.string().optional(),
  warnIfMatches: regex.optional(),
  warnIfNotMatches: regex.optional(),
  warnIfContains: z.string().optional(),
  rows: numericSchema.optional(),
  noData: z.enum(['pass', 'warn', 'fail', 'skip']).optional(),
  unreachable: z.enum(['warn', 'fail', 'skip']).optional(),
  /** How the values read in reasons (seconds as ms, ratio as %); PromQL infers it from the metric names. */
  unit: z.enum(UNITS).optional(),
});
/** A parsed `expect` attribute. */
export type Expectation = z.infer<typeof expectationSchema>;

const NUMERIC = [...Object.keys(numericSchema.shape), 'unit'];
const SHELL = ['exitCode', 'warnExitCode', 'unreachableExitCode', 'finding', 'unreachable', 'noData'];
const TEXT = [
  'matches',
  'notMatches',
  'contains',
  'notContains',
  'warnIfMatches',
  'warnIfNotMatches',
  'warnIfContains',
];

/** Which expectation keys make sense for each language; others are parse errors. */
export const EXPECT_KEYS: Record<Lang, readonly string[]> = {
  sh: [...SHELL, ...TEXT, ...NUMERIC],
  bash: [...SHELL, ...TEXT, ...NUMERIC],
  http: ['status', 'warnStatus', ...TEXT, 'unreachable'],
  promql: [...NUMERIC, ...TEXT, 'rows', 'noData', 'unreachable'],
  sql: [...NUMERIC, ...TEXT, 'rows', 'noData', 'unreachable'],
};
