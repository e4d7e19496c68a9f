/** One column's drift: pick the methods, run them on data prepared once, decide, and shape the result. */

import { fingerprint } from './calibration/fingerprint.js';
import { autoMethod } from './choose.js';
import { decide, type NullContext, thresholdOf } from './decide.js';
import { meanStdChange } from './guide-statistic.js';
import type { DriftMethod } from './methods/method.js';
import type { ColumnPlan } from './options.js';
import { DRIFT_METHODS } from './registry.js';
import type { SortedPair } from './sorted-pair.js';
import type { AlignedCounts, ColumnDrift, MethodName, MethodOutcome, RawResult } from './types.js';

type Kind = 'numeric' | 'categorical';

function methodsFor(plan: ColumnPlan, kind: Kind, refRows: number, refDistinct: () => number): DriftMethod[] {
  const names: MethodName[] =
    plan.methods.length > 0
      ? plan.methods
      : [plan.spec === 'auto' ? autoMethod(kind, refRows, refDistinct()) : plan.spec];
  return names.map((name) => DRIFT_METHODS[name]);
}

function incompatible(column: string, method: DriftMethod, kind: Kind, why?: string): Error {
  return new Error(
    `drift method "${method.name}" does not apply to ${kind} column "${column}"${why ? `: ${why}` : ''}`,
  );
}

function assemble(
  column: string,
  methods: DriftMethod[],
  run: (m: DriftMethod) => RawResult,
  plan: ColumnPlan,
  nulls: NullContext | null,
  rows: { referenceRows: number; currentRows: number; meanStdChange?: number; note?: string },
): ColumnDrift {
  const tests: Partial<Record<MethodName, MethodOutcome>> = {};
  const notes: string[] = rows.note ? [rows.note] : [];
  for (const m of methods) {
    const raw = run(m);
    if (raw.note) notes.push(`${m.name}: ${raw.note}`);
    tests[m.name] = decide(m, raw, thresholdOf(plan, m, nulls));
  }
  const primary = methods[0]!;
  const head = tests[primary.name]!;
  // Key order is the JSON order of `check drift --json`.
  return {
    column,
    method: primary.name,
    ...head,
    ...(rows.meanStdChange !== undefined && Number.isFinite(rows.meanStdChange)
      ? { meanStdChange: rows.meanStdChange }
      : {}),
    referenceRows: rows.referenceRows,
    currentRows: rows.currentRows,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    ...(plan.methods.length > 0 ? { tests } : {}),
  };
}

/** What an untestable column reports: no statistic, never drifted. */
const EMPTY: RawResult = { statistic: Number.NaN, pValue: null };

function emptyNote(nRef: number, nCur: number): string | undefined {
  if (nRef > 0 && nCur > 0) return undefined;
  const side = nRef === 0 && nCur === 0 ? 'reference and current' : nRef === 0 ? 'reference' : 'current';
  return `no non-missing values in ${side}: not tested`;
}

/** The method's raw result on a numeric pair: the two-sample form of a test when calibrated. */
function runNumeric(plan: ColumnPlan, m: DriftMethod, pair: SortedPair): RawResult {
  if (plan.calibrate && m.twoSample) return m.twoSample(pair.valueCounts);
  return m.numeric!(pair);
}

/** The method's raw result on category counts: the two-sample form of a test when calibrated. */
function runCategorical(plan: ColumnPlan, m: DriftMethod, counts: AlignedCounts): RawResult {
  if (plan.calibrate && m.twoSample) return m.twoSample(counts);
  return m.categorical!(counts);
}

/** Drift of a numeric column from its two sorted, finite samples (shared by every method). */
export function analyzeNumeric(column: string, plan: ColumnPlan, pair: SortedPair): ColumnDrift {
  const nRef = pair.ref.length;
  const nCur = pair.cur.length;
  const methods = methodsFor(plan, 'numeric', nRef, () => pair.refDistinct);
  for (const m of methods) if (!m.numeric) throw incompatible(column, m, 'numeric');
  const note = emptyNote(nRef, nCur);
  if (note) {
    const rows = { referenceRows: nRef, currentRows: nCur, note };
    return assemble(column, methods, () => EMPTY, plan, null, rows);
  }
  for (const m of methods) {
    const why = m.rejectNumeric?.(pair);
    if (why) throw incompatible(column, m, 'numeric', why);
  }
  const nulls: NullContext = {
    reference: pair.refSample.fingerprint,
    source: (m) => ({
      kind: 'numeric',
      sample: pair.refSample,
      distance: (p) => m.numeric!(p).statistic,
    }),
    n: nCur,
    m: nRef,
  };
  return assemble(column, methods, (m) => runNumeric(plan, m, pair), plan, nulls, {
    referenceRows: nRef,
    currentRows: nCur,
    meanStdChange: meanStdChange(pair.ref, pair.cur),
  });
}

/** The reference's non-zero category counts: what null draws come from, and their cache key. */
function referenceCounts(counts: AlignedCounts): Float64Array {
  return counts.ref.filter((c) => c > 0);
}

/** Drift of a categorical column from its category counts aligned over the union of categories. */
export function analyzeCategorical(
  column: string,
  plan: ColumnPlan,
  counts: AlignedCounts,
  refDistinct: number,
): ColumnDrift {
  const { nRef, nCur } = counts;
  const methods = methodsFor(plan, 'categorical', nRef, () => refDistinct);
  for (const m of methods) if (!m.categorical) throw incompatible(column, m, 'categorical');
  const note = emptyNote(nRef, nCur);
  if (note) {
    const rows = { referenceRows: nRef, currentRows: nCur, note };
    return assemble(column, methods, () => EMPTY, plan, null, rows);
  }
  const refCounts = referenceCounts(counts);
  const nulls: NullContext = {
    reference: `counts:${fingerprint(refCounts)}`,
    source: (m) => ({
      kind: 'categorical',
      counts: refCounts,
      distance: (c) => m.categorical!(c).statistic,
    }),
    n: nCur,
    m: nRef,
  };
  return assemble(column, methods, (m) => runCategorical(plan, m, counts), plan, nulls, {
    referenceRows: nRef,
    currentRows: nCur,
  });
}
