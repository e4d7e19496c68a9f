/** The one interface every drift method implements (the registry maps names to these). */

import type { SortedPair } from '../sorted-pair.js';
import type { AlignedCounts, MethodName, RawResult } from '../types.js';

/** A drift method, after Evidently's `StatTest`: a name, a kind, a default threshold and its functions. */
export interface DriftMethod {
  readonly name: MethodName;
  /** 'test' drifts when p <= alpha; 'distance' drifts when the statistic >= the threshold. */
  readonly kind: 'test' | 'distance';
  /** Evidently's `default_threshold` (0.05 for tests, where the caller's alpha wins; 0.1 for distances). */
  readonly defaultThreshold: number;
  /** The method on two sorted numeric samples; absent when it has no numeric form. */
  readonly numeric?: (pair: SortedPair) => RawResult;
  /** Why this numeric pair cannot take the method (null when it can). */
  readonly rejectNumeric?: (pair: SortedPair) => string | null;
  /** The method on category counts aligned over the union of categories; absent when it has none. */
  readonly categorical?: (counts: AlignedCounts) => RawResult;
  /**
   * The test on counts with the reference's own sampling noise, used instead of the Evidently form when
   * decisions are calibrated (numeric columns pass their distinct-value counts).
   */
  readonly twoSample?: (counts: AlignedCounts) => RawResult;
}
