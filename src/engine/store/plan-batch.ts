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
 * Predictions stay their log lines' bytes for PostgreSQL to parse, unless `parse` (the careful one-row path).
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
  // the day of every row, without a Date and a string per row: a batch's rows mostly share one day
  let dayFrom = Number.POSITIVE_INFINITY;
  let dayTo = Number.NEGATIVE_INFINITY;
  const addDay = (ts: number) => {
    if (ts >= dayFrom && ts < dayTo) return;
    dayFrom = ts - (((ts % DAY_MS) + DAY_MS) % DAY_MS);
    dayTo = dayFrom + DAY_MS;
    days.add(day(ts));
  };
  const addPrediction = (row: Batch['predictions'][number], ts: number) => {
    if (ts < cutoff) expired++;
    else {
      addDay(ts);
      batch.predictions.push(row);
    }
  };
  for (const item of items) {
    if ('line' in item) {
      // The record's ts read from the line's bytes: the partition day only needs it to the day, and a wrong
      // guess fails the batch into the one-row path below. parse: the exact ts.
      if (opts.parse) {
        const rec = parseLine(item.line);
        addPrediction({ rec, receivedAt: item.ts }, finiteOr(rec.ts, item.ts));
      } else addPrediction({ line: item.line, receivedAt: item.ts }, recordTs(item.line) ?? item.ts);
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
const DAY_MS = 86_400_000;
const REC = Buffer.from(',"rec":', 'latin1');
const TS = Buffer.from('"ts":', 'latin1');

/** The record of a prediction's log line (`{"t":"p","ts":..,"rec":{..}}`), parsed; throws if it is not JSON. */
export function parseLine(line: Buffer): PredictionRecord {
  return (JSON.parse(line.toString('utf8')) as { rec: PredictionRecord }).rec;
}

/** The record's `"ts":<ms>` in a prediction's log line when it is a plain number, else undefined. */
export function recordTs(line: Buffer): number | undefined {
  const rec = line.indexOf(REC);
  const at = rec === -1 ? -1 : line.indexOf(TS, rec + REC.length);
  if (at === -1) return undefined;
  let end = at + TS.length;
  while (end < line.length && ((line[end]! >= 0x30 && line[end]! <= 0x39) || line[end] === 0x2e)) end++;
  if (end === at + TS.length || (line[end] !== 0x2c && line[end] !== 0x7d)) return undefined; // , or }
  return Number(line.toString('latin1', at + TS.length, end));
}

/** The same batch with no rows: only its checkpoint moves (past an entry PostgreSQL refuses). */
export function checkpointOnly(plan: BatchPlan): BatchPlan {
  return {
    batch: { predictions: [], actuals: [], metrics: [], checkpoint: plan.batch.checkpoint },
    days: new Set(),
    expired: 0,
  };
}
