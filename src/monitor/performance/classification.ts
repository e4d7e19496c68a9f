/** Classification metrics that agree with scikit-learn 1.2.1 (the market-master guide's calculate_classification_metrics). */

import { type Label, labelSet } from './labels.js';

/** sklearn's `confusion_matrix` with sorted labels: `matrix[i][j]` counts true `labels[i]` predicted as `labels[j]`. */
export interface ConfusionMatrix {
  labels: string[];
  matrix: number[][];
}

/** One class's one-vs-rest scores (`precision_recall_fscore_support(average=None)`). */
export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** True samples of this class (the weight in the weighted average). */
  support: number;
  /** Samples predicted as this class. */
  predicted: number;
}

/** Accuracy, support-weighted and macro precision/recall/F1, per-class scores and the confusion matrix. */
export interface ClassificationMetrics {
  accuracy: number;
  /** Weighted by true support, as `precision_score(average='weighted')`. */
  precision: number;
  recall: number;
  f1: number;
  /** Samples scored. */
  support: number;
  macro: { precision: number; recall: number; f1: number };
  perClass: ClassMetrics[];
  confusion: ConfusionMatrix;
}

/** The `check performance --json` document (DESIGN.md command contract), keys in contract order. */
export interface PerformanceSummary {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  confusion: ConfusionMatrix;
}

// sklearn `_prf_divide`: a zero denominator yields 0 under zero_division=0 and 'warn' (which only adds a warning).
function divide(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

// np.average(values, weights): sum(v * w) / sum(w); without weights, the plain mean.
function average(values: readonly number[], weights?: readonly number[]): number {
  let sum = 0;
  let scale = 0;
  values.forEach((v, i) => {
    const w = weights ? weights[i]! : 1;
    sum += v * w;
    scale += w;
  });
  return sum / scale;
}

/**
 * Scores predictions against truth as scikit-learn 1.2.1 does: `accuracy_score`, and
 * `precision_recall_fscore_support` with average='weighted' (and 'macro', and None per class).
 *
 * Labels are the sorted union of y_true and y_pred (see `labelSet`). Zero division follows sklearn's
 * default zero_division='warn', which scores as 0: a class that is never predicted has precision 0; a class
 * that is never true has recall 0 and weight 0 in the weighted average (it still counts in macro); F1 is 0
 * when precision + recall = 0. F1 per class is 2PR / (P + R) (beta = 1), then averaged, as sklearn does:
 * the weighted F1 is not the harmonic mean of the weighted precision and recall.
 * Throws RangeError when the arrays differ in length or are empty; drop missing labels first (`pairLabels`).
 * `counts`, when given, says how many times each (true, predicted) pair occurred (LabelPairCounts): the
 * same scores as the pairs repeated, computed from the distinct pairs.
 */
export function classificationMetrics(
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  counts?: ReadonlyArray<number>,
): ClassificationMetrics {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`y_true has ${yTrue.length} labels but y_pred has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new RangeError('no samples to score');
  const { labels, key } = labelSet(yTrue, yPred);
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  let samples = 0;
  for (let s = 0; s < yTrue.length; s++) {
    const t = index.get(key(yTrue[s]!))!;
    const p = index.get(key(yPred[s]!))!;
    const n = counts ? counts[s]! : 1;
    matrix[t]![p]! += n;
    samples += n;
    if (t === p) correct += n;
  }
  const perClass = labels.map((label, i): ClassMetrics => {
    const tp = matrix[i]![i]!;
    const support = matrix[i]!.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[i]!, 0);
    const precision = divide(tp, predicted);
    const recall = divide(tp, support);
    // sklearn: denom = beta2 * precision + recall, set to 1 where 0; f = (1 + beta2) * precision * recall / denom
    const f1 = divide(2 * precision * recall, precision + recall);
    return { label, precision, recall, f1, support, predicted };
  });
  const pick = (f: (c: ClassMetrics) => number) => perClass.map(f);
  const weights = pick((c) => c.support);
  return {
    // accuracy_score: the mean of (y_true == y_pred)
    accuracy: correct / samples,
    precision: average(
      pick((c) => c.precision),
      weights,
    ),
    recall: average(
      pick((c) => c.recall),
      weights,
    ),
    f1: average(
      pick((c) => c.f1),
      weights,
    ),
    support: samples,
    macro: {
      precision: average(pick((c) => c.precision)),
      recall: average(pick((c) => c.recall)),
      f1: average(pick((c) => c.f1)),
    },
    perClass,
    confusion: { labels, matrix },
  };
}

/** Reduces full metrics to the `check performance --json` contract document. */
export function performanceSummary(m: ClassificationMetrics): PerformanceSummary {
  return {
    accuracy: m.accuracy,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    support: m.support,
    confusion: m.confusion,
  };
}
