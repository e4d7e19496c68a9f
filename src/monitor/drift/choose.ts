/**
 * The automatic method, after Evidently's `_get_default_stattest`
 * (evidently/calculations/stattests/registry.py).
 */

import type { MethodName } from './types.js';

/** Evidently switches from tests to distances above this many reference rows. */
export const SMALL_REFERENCE_ROWS = 1000;

/** A numeric column with at most this many distinct reference values is treated as categories. */
export const LOW_CARDINALITY = 5;

/**
 * Reference rows <= 1000: numeric -> ks when the reference has > 5 distinct values, else chisquare;
 * categorical -> chisquare. Reference rows > 1000: numeric -> wasserstein when > 5 distinct values, else
 * jensenshannon; categorical -> jensenshannon.
 * Rows and distinct values are counted on the non-missing reference values, as `reference.nunique()` is.
 * Evidently picks a z-test for binary columns (<= 2 values) at <= 1000 rows; we have no z-test and use
 * chisquare there, which tests the same hypothesis (two proportions).
 */
export function autoMethod(
  kind: 'numeric' | 'categorical',
  referenceRows: number,
  refDistinct: number,
): MethodName {
  const small = referenceRows <= SMALL_REFERENCE_ROWS;
  if (kind === 'categorical') return small ? 'chisquare' : 'jensenshannon';
  if (refDistinct > LOW_CARDINALITY) return small ? 'ks' : 'wasserstein';
  return small ? 'chisquare' : 'jensenshannon';
}
