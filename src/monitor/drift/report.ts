/** The dataset-level verdict from the column results. */

import type { ColumnDrift, DriftReport } from './types.js';

/**
 * driftedShare = drifted columns / tested columns; the dataset drifts when that share is >= `datasetShare`
 * (Evidently's `DatasetDriftMetric`, drift_share 0.5). No columns: share 0, no drift.
 */
export function summarize(columns: ColumnDrift[], datasetShare: number): DriftReport {
  const drifted = columns.filter((c) => c.drifted).length;
  const driftedShare = columns.length === 0 ? 0 : drifted / columns.length;
  return { columns, driftedShare, datasetDrift: columns.length > 0 && driftedShare >= datasetShare };
}
