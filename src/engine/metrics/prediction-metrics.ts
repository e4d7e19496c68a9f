/** Prediction and ingest counters, and the latency histogram: fed per batch as records arrive. */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, type MetricNames } from './names.js';
import { setOrClear } from './series.js';
import type { PredictionColumns, PredictionObservation } from './types.js';

const DEFAULT_MODEL = 'default';
const UNKNOWN_ASSET_CLASS = 'unknown';

/** The prediction-side metrics and how to feed them. */
export interface PredictionMetrics {
  observePredictions(records: Iterable<PredictionObservation>): void;
  /** observePredictions for a batch given as columns (the ingest path). */
  observeColumns(batch: PredictionColumns): void;
  recordIngested(count: number): void;
  recordRejectedBatch(reason: string): void;
  /** Counts feature values the window dropped (a name beyond engine.window.max_features). */
  recordDroppedFeatureValues(count: number): void;
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

  const dropped = new Counter({
    name: names.droppedFeatureValues,
    help: 'Feature values dropped by the window: their name came beyond engine.window.max_features.',
    registers,
  });

  return {
    /** Counts every record and observes its latency (see BatchTally). */
    observePredictions(records) {
      const batch = new BatchTally(duration);
      for (const r of records) batch.add(r.model, r.asset_class, r.error, r.latency_seconds);
      batch.flush(predictions, errors);
    },
    /** The same for a batch of columns. */
    observeColumns(b) {
      const batch = new BatchTally(duration);
      const { model, assetClass, error } = b;
      for (let i = 0; i < b.rows; i++) {
        batch.add(
          model.values[model.codes[i]!] ?? undefined,
          assetClass.values[assetClass.codes[i]!] ?? undefined,
          error.values[error.codes[i]!] ?? undefined,
          b.latencySeconds[i],
        );
      }
      batch.flush(predictions, errors);
    },
    /** Adds accepted records to the ingest counter. */
    recordIngested(count) {
      if (count > 0) ingested.inc(count);
    },
    /** Counts one refused batch under `reason` (e.g. invalid, too_large, unauthorized). */
    recordRejectedBatch(reason) {
      rejected.inc({ reason });
    },
    recordDroppedFeatureValues(count) {
      if (count > 0) dropped.inc(count);
    },
    /** Sets the queue fill; null removes the sample. */
    setQueueUtilization(ratio) {
      setOrClear(queue, ratio);
    },
  };
}

/**
 * One batch's counts and latencies. Per record there is no allocation and no label hashing: counts go to
 * nested maps (model -> second label -> tally), and latencies to the histogram child of the record's model,
 * looked up once a batch; the counters get one inc per label set, since batches run to thousands.
 */
class BatchTally {
  readonly #counts = new Tallies();
  readonly #errors = new Tallies();
  readonly #observers = new Map<string, { observe(v: number): void }>();

  constructor(private readonly duration: Histogram<'model'>) {}

  /** One record; NaN or undefined latency is absent. */
  add(model = DEFAULT_MODEL, assetClass = UNKNOWN_ASSET_CLASS, error?: string, latency?: number): void {
    this.#counts.add(model, assetClass);
    if (error !== undefined) this.#errors.add(model, error);
    if (typeof latency === 'number' && Number.isFinite(latency) && latency >= 0) {
      let child = this.#observers.get(model);
      if (child === undefined) {
        child = this.duration.labels({ model });
        this.#observers.set(model, child);
      }
      child.observe(latency);
    }
  }

  flush(predictions: Counter<'model' | 'asset_class'>, errors: Counter<'model' | 'error_type'>): void {
    for (const t of this.#counts.list) predictions.inc({ model: t.model, asset_class: t.second }, t.n);
    for (const t of this.#errors.list) errors.inc({ model: t.model, error_type: t.second }, t.n);
  }
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
