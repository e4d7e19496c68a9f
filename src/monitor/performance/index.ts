/** Model performance: classification, business and operational metrics, and degradation against a reference. */

export {
  type BusinessMetrics,
  type BusinessRecord,
  businessMetrics,
  HIGH_CONFIDENCE_THRESHOLD,
} from './business.js';
export {
  type ClassificationMetrics,
  type ClassMetrics,
  type ConfusionMatrix,
  classificationMetrics,
  type PerformanceSummary,
  performanceSummary,
} from './classification.js';
export {
  DEFAULT_DEGRADATION_THRESHOLDS,
  type DegradationReport,
  type DegradationStatus,
  type DegradationThresholds,
  degradation,
  type SkipReason,
} from './degradation.js';
export {
  columnLabels,
  compareCodePoints,
  isMissingLabel,
  type Label,
  type LabelSet,
  labelSet,
  pairLabels,
} from './labels.js';
export {
  type OperationalMetrics,
  type OperationalOptions,
  type OperationalRecord,
  operationalMetrics,
} from './operational.js';
export { LabelPairCounts } from './pair-counts.js';
export {
  type LatencySummary,
  latencyPercentiles,
  latencySummary,
  percentile,
  percentileSorted,
  sortedFinite,
} from './percentile.js';
