/** Prediction and ingest counters, and the latency histogram: fed per batch as records arrive. */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, type MetricNames } from './names.js';
import { setOrClear } from './series.js';
import type { PredictionObservation } from './types.js';

const DEFAULT_MODEL = 'default';
const UNKNOWN_ASSET_CLASS = 'unknown';

/** The prediction-side metrics and how to feed them. */
export interface PredictionMetrics {
  observePredictions(records: Iterable<PredictionObservation>): void;
  recordIngested(count: number): void;
  recordRejectedBatch(reason: string): void;
  setQueueUtilization(ratio: number | null): void;
}

/** Registers the prediction and ingest metrics on `registry`. */
export function createPredictionMetrics(registry: Registry, names: MetricNames): PredictionMetrics {
  const registers = [registry];
  const predictions = new Counter({
    name: names.predictions,
    help: 'Predictions received, failed ones included.',
    labelNames: ['model', 'asset_class'] as const,
    registers,
  });
  // The guide's error_rate gauge becomes this counter: PromQL divides its rate by the predictions' rate.
  const errors = new Counter({
    name: names.predictionErrors,
    help: 'Failed predictions (records with an error), by error type.',
    labelNames: ['model', 'error_type'] as const,
    registers,
  });
  const duration = new Histogram({
    name: names.predictionDuration,
    help: 'Prediction latency reported by the model service, seconds.',
    labelNames: ['model'] as const,
    buckets: [...LATENCY_BUCKETS],
    registers,
  });
  const queue = new Gauge({
    name: names.queueUtilization,
    help: 'Prediction queue fill, 0-1.',
    registers,
  });
  queue.remove(); // absent until the engine reports a value
  const ingested = new Counter({
    name: names.ingestedRecords,
    help: 'Prediction records accepted by the ingest API.',
    registers,
  });
  const rejected = new Counter({
    name: names.rejectedBatches,
    help: 'Ingest batches refused as a whole, by reason.',
    labelNames: ['reason'] as const,
    registers,
  });

  return {
    /** Counts every record and observes its latency; one inc per label set, since batches run to thousands. */
    observePredictions(records) {
      const counts = new Map<string, { model: string; asset_class: string; n: number }>();
      const errorCounts = new Map<string, { model: string; error_type: string; n: number }>();
      for (const r of records) {
        const model = r.model ?? DEFAULT_MODEL;
        const assetClass = r.asset_class ?? UNKNOWN_ASSET_CLASS;
        // JSON.stringify of the pair: a key no two distinct label sets share, whatever characters they hold.
        const key = JSON.stringify([model, assetClass]);
        const c = counts.get(key) ?? counts.set(key, { model, asset_class: assetClass, n: 0 }).get(key)!;
        c.n += 1;
        if (r.error !== undefined) {
          const ek = JSON.stringify([model, r.error]);
          const e = errorCounts.get(ek) ?? errorCounts.set(ek, { model, error_type: r.error, n: 0 }).get(ek)!;
          e.n += 1;
        }
        const latency = r.latency_seconds;
        if (typeof latency === 'number' && Number.isFinite(latency) && latency >= 0) {
          duration.observe({ model }, latency);
        }
      }
      for (const { n, ...labels } of counts.values()) predictions.inc(labels, n);
      for (const { n, ...labels } of errorCounts.values()) errors.inc(labels, n);
    },
    /** Adds accepted records to the ingest counter. */
    recordIngested(count) {
      if (count > 0) ingested.inc(count);
    },
    /** Counts one refused batch under `reason` (e.g. invalid, too_large, unauthorized). */
    recordRejectedBatch(reason) {
      rejected.inc({ reason });
    },
    /** Sets the queue fill; null removes the sample. */
    setQueueUtilization(ratio) {
      setOrClear(queue, ratio);
    },
  };
}
