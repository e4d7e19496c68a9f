/**
 * Evidently's "chisquare" (`chisquare_stattest.py`, `_chi_stat_test`): over the union of non-null values,
 * f_exp = ref_count * (n_cur / n_ref), f_obs = cur_count, p = scipy.stats.chisquare(f_obs, f_exp).pvalue.
 */

import { chi2Sf } from '../gamma.js';
import type { AlignedCounts, RawResult } from '../types.js';
import type { DriftMethod } from './method.js';

/** Numeric columns take chi-square only with at most this many distinct reference values (Evidently's auto rule). */
export const CHISQUARE_MAX_NUMERIC_DISTINCT = 5;

/**
 * Pearson's statistic sum((f_obs - f_exp)^2 / f_exp) and p = chi2.sf(stat, k - 1) (scipy `power_divergence`,
 * lambda_ = 1). A key absent from the reference has f_exp = 0 and f_obs > 0: the term is +inf, so stat = inf
 * and p = 0, as scipy returns. With a single key scipy's df = 0 gives p = NaN; both samples then hold the
 * same single value, so we report p = 1.
 */
export function chiSquareTest(counts: AlignedCounts): RawResult {
  const k = counts.ref.length;
  const norm = counts.nCur / counts.nRef;
  let stat = 0;
  for (let i = 0; i < k; i++) {
    const exp = counts.ref[i]! * norm;
    const d = counts.cur[i]! - exp;
    stat += exp === 0 ? (d === 0 ? 0 : Number.POSITIVE_INFINITY) : (d * d) / exp;
  }
  if (k < 2) return { statistic: stat, pValue: 1, note: 'a single category on both sides: nothing to test' };
  return { statistic: stat, pValue: chi2Sf(stat, k - 1) };
}

/**
 * The two-sample (homogeneity) chi-square test: Pearson's statistic on the 2 x k table of reference and
 * current counts, expected counts from the pooled shares, p = chi2.sf(stat, k - 1) over the k categories
 * seen on either side; scipy.stats.chi2_contingency(table, correction=False). Evidently's one-sample form
 * above takes the reference shares as exact, so its statistic is too large by about 1 + n_cur / n_ref:
 * with 1,000 reference rows and a 10,000-row window it flags most undrifted columns. In closed form,
 * stat = sum_i (r_i n_c - c_i n_r)^2 / (n_r n_c (r_i + c_i)).
 */
export function chiSquareTwoSample(counts: AlignedCounts): RawResult {
  const { nRef, nCur } = counts;
  let stat = 0;
  let k = 0;
  for (let i = 0; i < counts.ref.length; i++) {
    const r = counts.ref[i]!;
    const c = counts.cur[i]!;
    if (r + c === 0) continue;
    k++;
    const d = r * nCur - c * nRef;
    stat += (d * d) / (nRef * nCur * (r + c));
  }
  if (k < 2) return { statistic: stat, pValue: 1, note: 'a single category on both sides: nothing to test' };
  return { statistic: stat, pValue: chi2Sf(stat, k - 1) };
}

/** Chi-square goodness of fit: categorical columns, and numeric ones with few distinct values (as categories). */
export const chisquare: DriftMethod = {
  name: 'chisquare',
  kind: 'test',
  defaultThreshold: 0.05,
  numeric: (pair) => chiSquareTest(pair.valueCounts),
  rejectNumeric: (pair) =>
    pair.refDistinct > CHISQUARE_MAX_NUMERIC_DISTINCT
      ? `it has ${pair.refDistinct} distinct reference values; chisquare takes numeric columns with at most ${CHISQUARE_MAX_NUMERIC_DISTINCT}`
      : null,
  categorical: chiSquareTest,
  twoSample: chiSquareTwoSample,
};
