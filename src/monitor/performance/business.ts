/** Business metrics of a batch of predictions (the market-master guide's calculate_business_metrics). */

/** What the business metrics read from one prediction. */
export interface BusinessRecord {
  /** Model confidence, 0..1. Missing confidences count in the total but in no average. */
  confidence?: number | null;
  /** The realised return that followed the prediction, when known. */
  actualReturn?: number | null;
}

/** The guide's business metrics, renamed to camelCase (guide key in each comment). */
export interface BusinessMetrics {
  /** `total_predictions`: records passed in. */
  totalPredictions: number;
  /** `high_confidence_predictions`: records with confidence > threshold. */
  highConfidencePredictions: number;
  /** `prediction_volume`: highConfidencePredictions / totalPredictions; null for an empty batch. */
  highConfidenceShare: number | null;
  /** `average_confidence`: mean of the finite confidences; null when there are none. */
  averageConfidence: number | null;
  /** `predicted_return`: mean actual return of the high-confidence records that have one; null when none do. */
  highConfidenceMeanReturn: number | null;
  /** The threshold used. */
  threshold: number;
}

/** The guide's high-confidence threshold. */
export const HIGH_CONFIDENCE_THRESHOLD = 0.8;

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Computes the guide's calculate_business_metrics over prediction records.
 *
 * High confidence is `confidence > threshold`, strictly, as the guide writes `confidence_scores > 0.8`:
 * a confidence of exactly 0.8 is not high. Where the guide would return NaN (np.mean of an empty
 * selection, 0/0 for an empty batch) we return null. Records without a return are left out of the mean
 * return rather than making it NaN.
 */
export function businessMetrics(
  records: ReadonlyArray<BusinessRecord>,
  threshold: number = HIGH_CONFIDENCE_THRESHOLD,
): BusinessMetrics {
  let confSum = 0;
  let confCount = 0;
  let high = 0;
  let retSum = 0;
  let retCount = 0;
  for (const r of records) {
    if (!finite(r.confidence)) continue;
    confSum += r.confidence;
    confCount += 1;
    if (r.confidence > threshold) {
      high += 1;
      if (finite(r.actualReturn)) {
        retSum += r.actualReturn;
        retCount += 1;
      }
    }
  }
  return {
    totalPredictions: records.length,
    highConfidencePredictions: high,
    highConfidenceShare: records.length > 0 ? high / records.length : null,
    averageConfidence: confCount > 0 ? confSum / confCount : null,
    highConfidenceMeanReturn: retCount > 0 ? retSum / retCount : null,
    threshold,
  };
}
