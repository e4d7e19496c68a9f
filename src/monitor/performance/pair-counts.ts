/**
 * (true, predicted) label pairs counted rather than listed: a window of a million scored predictions holds
 * a handful of distinct labels, so scoring the distinct pairs with their counts gives the same metrics as
 * pairLabels + classificationMetrics over the full arrays at a fraction of the cost (every per-sample step
 * there, the label check, the key and the index lookup, ran per row).
 */
import { type ClassificationMetrics, classificationMetrics } from './classification.js';
import { isMissingLabel, type Label } from './labels.js';

/** Counts of each (true, predicted) pair, labels as given (1 and "1" stay apart until labelSet keys them). */
export class LabelPairCounts {
  readonly #counts = new Map<Label, Map<Label, number>>();
  /** Pairs added, missing labels included (what the arrays' length was). */
  total = 0;

  /** Adds the counts of `other` (the same as adding its pairs again: the metrics do not depend on order). */
  merge(other: LabelPairCounts): void {
    for (const [yTrue, row] of other.#counts) {
      for (const [yPred, n] of row) this.#bump(yTrue, yPred, n);
    }
    this.total += other.total;
  }

  add(yTrue: Label, yPred: Label): void {
    this.#bump(yTrue, yPred, 1);
    this.total++;
  }

  #bump(yTrue: Label, yPred: Label, n: number): void {
    let row = this.#counts.get(yTrue);
    if (row === undefined) {
      row = new Map();
      this.#counts.set(yTrue, row);
    }
    row.set(yPred, (row.get(yPred) ?? 0) + n);
  }

  /**
   * classificationMetrics of the pairs with both labels present (pairLabels' rule), or null when fewer
   * than `minScored` remain.
   */
  metrics(minScored: number): ClassificationMetrics | null {
    const t: Label[] = [];
    const p: Label[] = [];
    const n: number[] = [];
    let scored = 0;
    for (const [yTrue, row] of this.#counts) {
      if (isMissingLabel(yTrue)) continue;
      for (const [yPred, count] of row) {
        if (isMissingLabel(yPred)) continue;
        t.push(yTrue);
        p.push(yPred);
        n.push(count);
        scored += count;
      }
    }
    return scored >= minScored && scored > 0 ? classificationMetrics(t, p, n) : null;
  }
}
