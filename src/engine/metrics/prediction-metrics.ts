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
    /**
     * Counts every record and observes its latency; one inc per label set, since batches run to thousands.
     * Per record there is no allocation and no label hashing: counts go to nested maps (model -> second
     * label -> tally), and latencies to the histogram child of the record's model, looked up once a batch.
     */
    observePredictions(records) {
      const counts = new Tallies();
      const errorCounts = new Tallies();
      const observers = new Map<string, { observe(v: number): void }>();
      for (const r of records) {
        const model = r.model ?? DEFAULT_MODEL;
        counts.add(model, r.asset_class ?? UNKNOWN_ASSET_CLASS);
        if (r.error !== undefined) errorCounts.add(model, r.error);
        const latency = r.latency_seconds;
        if (typeof latency === 'number' && Number.isFinite(latency) && latency >= 0) {
          let child = observers.get(model);
          if (child === undefined) {
            child = duration.labels({ model });
            observers.set(model, child);
          }
          child.observe(latency);
        }
      }
      for (const t of counts.list) predictions.inc({ model: t.model, asset_class: t.second }, t.n);
      for (const t of errorCounts.list) errors.inc({ model: t.model, error_type: t.second }, t.n);
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

/** Record counts per (model, second label), kept in first-seen order (the order the series are created in). */
class Tallies {
  readonly list: { model: string; second: string; n: number }[] = [];
  readonly #index = new Map<string, Map<string, { n: number }>>();

  add(model: string, second: string): void {
    let byModel = this.#index.get(model);
    if (byModel === undefined) {
      byModel = new Map();
      this.#index.set(model, byModel);
    }
    let t = byModel.get(second);
    if (t === undefined) {
      const entry = { model, second, n: 0 };
      this.list.push(entry);
      byModel.set(second, entry);
      t = entry;
    }
    t.n += 1;
  }
}
