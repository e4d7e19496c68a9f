/** Data drift, per column, of a current frame against a reference frame (Evidently's methods). */

export { SIMULATION_CAP } from './calibration/threshold.js';
export { autoMethod } from './choose.js';
export { detectDrift } from './detect.js';
export type { DriftMethod } from './methods/method.js';
export { DEFAULT_ALPHA, DEFAULT_DATASET_SHARE } from './options.js';
export { DriftWorkerPool, detectDriftParallel } from './parallel/parallel.js';
export { PreparedReference, prepareReference, referenceFrame } from './prepared-reference.js';
export { DRIFT_METHODS, isMethodName, METHOD_NAMES } from './registry.js';
export type {
  ColumnDrift,
  DistanceName,
  DriftOptions,
  DriftReport,
  MethodName,
  MethodOutcome,
  MethodSpec,
} from './types.js';
