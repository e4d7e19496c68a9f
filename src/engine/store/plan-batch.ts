/** Log entries to one store batch, pure: which rows, which day partitions, and the checkpoint after them. */
import type { TailItem } from '../event-log/tail-reader.js';
import type { Batch, MetricRow } from './write-batch.js';

/** A batch and what it needs. */
export interface BatchPlan {
  batch: Batch;
  /** UTC days (YYYY-MM-DD) of predictions and metrics, whose partitions must exist first. */
  days: Set<string>;
  /** Predictions older than the retention cutoff: their partition is (or is about to be) dropped. */
  expired: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Plans the batch for `items` (in log order) and `metrics`. Predictions whose ts is before `cutoff` (epoch ms)
 * are left out; the checkpoint still moves past them. Reference uploads carry nothing for the store.
 */
export function planBatch(
  items: readonly TailItem[],
  metrics: readonly MetricRow[],
  cutoff: number,
): BatchPlan {
  const batch: Batch = { predictions: [], actuals: [], metrics: [...metrics], checkpoint: null };
  const days = new Set<string>();
  let expired = 0;
  for (const { entry } of items) {
    if (entry.t === 'p') {
      const ts = typeof entry.rec.ts === 'number' && Number.isFinite(entry.rec.ts) ? entry.rec.ts : entry.ts;
      if (ts < cutoff) {
        expired++;
        continue;
      }
      days.add(day(ts));
      batch.predictions.push({ rec: entry.rec, receivedAt: entry.ts });
    } else if (entry.t === 'a') batch.actuals.push({ id: entry.id, actual: entry.actual, at: entry.ts });
  }
  for (const m of metrics) days.add(day(m.at));
  const last = items[items.length - 1];
  if (last) batch.checkpoint = { position: last.end, entries: items.length, logTs: last.entry.ts };
  return { batch, days, expired };
}

/** The same batch with no rows: only its checkpoint moves (past an entry PostgreSQL refuses). */
export function checkpointOnly(plan: BatchPlan): BatchPlan {
  return {
    batch: { predictions: [], actuals: [], metrics: [], checkpoint: plan.batch.checkpoint },
    days: new Set(),
    expired: 0,
  };
}
