/** Shapes shared by the drift methods, the column cores and the report (the `check drift --json` contract). */

/** A concrete drift method; names follow Evidently's stattest registry. */
export type MethodName = 'ks' | 'wasserstein' | 'psi' | 'jensenshannon' | 'chisquare';

/** What a caller may ask for: one method, or Evidently's automatic choice. */
export type MethodSpec = MethodName | 'auto';

/** Methods whose decision is a distance compared with a threshold (the others are p-value tests). */
export type DistanceName = 'wasserstein' | 'psi' | 'jensenshannon';

/** Options of `detectDrift` and `detectDriftParallel`. */
export interface DriftOptions {
  /** One method for every column; 'auto' (default) is Evidently's `_get_default_stattest`. */
  method?: MethodSpec;
  /**
   * Several methods computed together per column, sharing the sorted arrays; each is reported in
   * `ColumnDrift.tests` and the first one is the column's decision. When given, `method` is ignored.
   */
  methods?: MethodName[];
  /** Columns to test; default every numeric or categorical column present in both frames. */
  columns?: string[];
  /** Significance level: a test drifts when p <= alpha (alpha / columns when calibrated). Default 0.05. */
  alpha?: number;
  /**
   * Distance thresholds: drift when distance >= threshold. Default 0.1 each (Evidently's defaults); when
   * calibrated, the floor under the distance's critical value.
   */
  thresholds?: Partial<Record<DistanceName, number>>;
  /** The dataset drifts when the share of drifted columns is >= this. Default 0.5 (Evidently's drift_share). */
  datasetShare?: number;
  /**
   * Default true: decisions calibrated to the sample sizes and the number of columns (README, "Drift
   * calibrated to the sample size"): each column is judged at alpha / columns (Bonferroni), a distance's
   * threshold is max(`thresholds`, its Monte Carlo critical value at the current sizes), and chisquare is
   * the two-sample test. false: Evidently's fixed thresholds, alpha per column, one-sample chisquare.
   */
  calibrate?: boolean;
}

/** One method's outcome on one column. */
export interface MethodOutcome {
  /** The method's statistic (KS D, chi-square, or the distance); NaN when the column could not be tested. */
  statistic: number;
  /** The test's p-value; null for distances, and for a column that could not be tested. */
  pValue: number | null;
  /** The value compared with `threshold`: the p-value for tests, the distance otherwise (NaN if untested). */
  score: number;
  /** What `score` was compared with: the per-column level for tests, the (calibrated) threshold for distances. */
  threshold: number;
  drifted: boolean;
}

/** One column's drift result. */
export interface ColumnDrift extends MethodOutcome {
  column: string;
  method: MethodName;
  /** The market-master guide's (|dmean|/|mean| + |dstd|/|std|)/2; reported, never used to decide. */
  meanStdChange?: number;
  /** Non-missing reference values that were tested. */
  referenceRows: number;
  /** Non-missing current values that were tested. */
  currentRows: number;
  /** Why a column was not (fully) tested, e.g. no values left after dropping missing ones. */
  note?: string;
  /** Every method computed when `options.methods` was given, keyed by method name. */
  tests?: Partial<Record<MethodName, MethodOutcome>>;
}

/** The dataset-level drift report. */
export interface DriftReport {
  columns: ColumnDrift[];
  driftedShare: number;
  datasetDrift: boolean;
}

/** A method's raw result before the decision: the statistic and, for tests, the p-value. */
export interface RawResult {
  statistic: number;
  pValue: number | null;
  /** Set when the method had to depart from its reference implementation (e.g. a degenerate input). */
  note?: string;
}

/** Occurrence counts of two samples over the same keys (categories, or distinct numeric values). */
export interface AlignedCounts {
  readonly ref: Float64Array;
  readonly cur: Float64Array;
  /** Sample sizes (the sums of `ref` and `cur`). */
  readonly nRef: number;
  readonly nCur: number;
}
