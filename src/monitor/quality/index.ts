/** Data quality: the guide's missing / duplicate / outlier metrics and score, plus schema and reference checks. */
export { assessQuality, NEAR_CONSTANT_SHARE } from './assess.js';
export { consistencyIssues } from './consistency.js';
export type { TopValue } from './constant.js';
export { topValue } from './constant.js';
export { duplicateRows } from './duplicates.js';
export { ISSUE_SEVERITY, issue } from './issues.js';
export { missingCount, missingSummary } from './missing.js';
export type { IqrOutliers } from './outliers.js';
export { iqrOutliers } from './outliers.js';
export { quantiles } from './quantile.js';
export { outOfRange, referenceIssues, unseenCategories } from './reference-checks.js';
export { meanOutlierRatio, qualityScore } from './score.js';
export { selectKth } from './select.js';
export type {
  ColumnQuality,
  IssueSeverity,
  QualityIssue,
  QualityIssueCode,
  QualityOptions,
  QualityReport,
} from './types.js';
