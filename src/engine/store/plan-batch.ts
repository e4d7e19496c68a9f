/** Log entries to one store batch, pure: which rows, which day partitions, and the checkpoint after them. */
import type { TailItem } from '../event-log/tail-reader.js';
import type { PredictionRecord } from '../records.js';
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
 * Predictions stay JSON text for PostgreSQL to parse, unless `parse` (the careful one-row path).
 */
export function planBatch(
  items: readonly TailItem[],
  metrics: readonly MetricRow[],
  cutoff: number,
  opts: { parse?: boolean } = {},
): BatchPlan {
  const batch: Batch = { predictions: [], actuals: [], metrics: [...metrics], checkpoint: null };
  const days = new Set<string>();
  let expired = 0;
  const addPrediction = (row: Batch['predictions'][number], ts: number) => {
    if (ts < cutoff) expired++;
    else {
      days.add(day(ts));
      batch.predictions.push(row);
    }
  };
  for (const item of items) {
    if ('raw' in item) {
      // The record's ts without parsing the record: the partition day only needs it to the day, and the
      // receive time is within a day of it for any real clock. parse: the exact ts (the one-row fallback).
      if (opts.parse) {
        const rec = JSON.parse(item.raw) as PredictionRecord;
        addPrediction({ rec, receivedAt: item.ts }, finiteOr(rec.ts, item.ts));
      } else addPrediction({ raw: item.raw, receivedAt: item.ts }, recordTs(item.raw) ?? item.ts);
    } else if (item.entry.t === 'p') {
      addPrediction({ rec: item.entry.rec, receivedAt: item.ts }, finiteOr(item.entry.rec.ts, item.ts));
    } else if (item.entry.t === 'a') {
      batch.actuals.push({ id: item.entry.id, actual: item.entry.actual, at: item.ts });
    }
  }
  for (const m of metrics) days.add(day(m.at));
  const last = items[items.length - 1];
  if (last) batch.checkpoint = { position: last.end, entries: items.length, logTs: last.ts };
  return { batch, days, expired };
}

const finiteOr = (v: unknown, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;
const TS = /"ts":(\d+(?:\.\d+)?)[,}]/;

/** The `"ts":<ms>` of a record's JSON text when it is a plain number, else undefined. */
export function recordTs(raw: string): number | undefined {
  const m = TS.exec(raw);
  return m ? Number(m[1]) : undefined;
}

/** The same batch with no rows: only its checkpoint moves (past an entry PostgreSQL refuses). */
export function checkpointOnly(plan: BatchPlan): BatchPlan {
  return {
    batch: { predictions: [], actuals: [], metrics: [], checkpoint: plan.batch.checkpoint },
    days: new Set(),
    expired: 0,
  };
}
