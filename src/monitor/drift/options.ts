/** Validation and defaults for the drift options. */

import { DRIFT_METHODS, isMethodName, METHOD_NAMES } from './registry.js';
import type { DistanceName, DriftOptions, MethodName, MethodSpec } from './types.js';

/** Evidently's defaults: alpha 0.05 for tests, 0.1 for each distance, dataset drift at a 0.5 share. */
export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_DATASET_SHARE = 0.5;

/** What one column needs to be analyzed: everything a worker thread needs, and plain data only. */
export interface ColumnPlan {
  /** One method (or auto), used when `methods` is empty. */
  spec: MethodSpec;
  /** Several methods computed together; the first one decides. */
  methods: MethodName[];
  alpha: number;
  thresholds: Record<DistanceName, number>;
  /** Calibrated decisions (DriftOptions.calibrate). */
  calibrate: boolean;
  /** The significance level each column is judged at: alpha / columns when calibrated, else alpha. */
  level: number;
}

/** Options with every default filled in. */
export interface ResolvedOptions extends ColumnPlan {
  columns: string[] | undefined;
  datasetShare: number;
}

function checkMethod(name: string): MethodName {
  if (!isMethodName(name))
    throw new Error(`unknown drift method "${name}" (known: auto, ${METHOD_NAMES.join(', ')})`);
  return name;
}

function checkRange(label: string, value: number, lo: number, hi: number): number {
  if (!(Number.isFinite(value) && value >= lo && value <= hi)) {
    throw new Error(`drift option ${label} must be a number in [${lo}, ${hi}], got ${value}`);
  }
  return value;
}

function threshold(name: DistanceName, given: number | undefined): number {
  if (given === undefined) return DRIFT_METHODS[name].defaultThreshold;
  return checkRange(`thresholds.${name}`, given, 0, Number.MAX_VALUE);
}

/** Fills in the defaults and rejects unknown methods and out-of-range numbers. */
export function resolveOptions(options: DriftOptions = {}): ResolvedOptions {
  const spec = options.method ?? 'auto';
  if (spec !== 'auto') checkMethod(spec);
  const methods = (options.methods ?? []).map(checkMethod);
  const t = options.thresholds ?? {};
  return {
    spec,
    methods: [...new Set(methods)],
    alpha: checkRange('alpha', options.alpha ?? DEFAULT_ALPHA, 0, 1),
    thresholds: {
      wasserstein: threshold('wasserstein', t.wasserstein),
      psi: threshold('psi', t.psi),
      jensenshannon: threshold('jensenshannon', t.jensenshannon),
    },
    calibrate: options.calibrate ?? true,
    level: options.alpha ?? DEFAULT_ALPHA,
    columns: options.columns,
    datasetShare: checkRange('datasetShare', options.datasetShare ?? DEFAULT_DATASET_SHARE, 0, 1),
  };
}

/**
 * The plan for a report of `columns` columns. Calibrated, each column is judged at alpha / columns
 * (Bonferroni): the expected number of columns drifting by chance is then <= alpha whatever their
 * correlation, so by Markov's inequality k or more drift together with probability <= alpha / k
 * (<= 1.25 % for DataDriftDetected's 4 of 14 at alpha 0.05; measured far lower, bench/README.md).
 */
export function planFor(resolved: ResolvedOptions, columns: number): ResolvedOptions {
  const level = resolved.calibrate && columns > 1 ? resolved.alpha / columns : resolved.alpha;
  return { ...resolved, level };
}
