/**
 * The ingest path, apart from HTTP: parse, validate the whole batch, append it to the event log, and only
 * then apply it to the window and the counters. A refused batch touches nothing; an accepted one is on disk
 * before the caller sends its 2xx.
 */
import { admit } from './admission.js';
import type { EventLog, LogEntry } from './event-log/index.js';
import type { IngestPressure } from './ingest-pressure.js';
import type { IngestWorkers } from './ingest-workers.js';
import type { EngineMetrics } from './metrics/index.js';
import { parseBody } from './parse-body.js';
import { logBytes, preparePredictions } from './prepare-batch.js';
import { type Rejection, validateActuals } from './records.js';
import type { PredictionWindow } from './window.js';

/** An HTTP-shaped outcome: the routes send it as it is. */
export interface IngestResult {
  status: number;
  body: { accepted: number } | { error: string; rejected?: Rejection[] };
}

/** What ingest writes to. */
export interface IngestDeps {
  log: EventLog;
  window: PredictionWindow;
  metrics: EngineMetrics;
  clock: () => number;
  idGen: () => string;
  /** Where prediction bodies are parsed and validated; inline (the calling thread) when absent. */
  workers?: IngestWorkers;
  /** Told when each request starts and ends: how busy ingest is (the store yields to it). */
  pressure?: Pick<IngestPressure, 'enter' | 'leave'>;
}

/** The ingest handlers and the state /health and the throughput figure read. */
export interface Ingest {
  /** The body as UTF-8 bytes (big ones are decoded on an ingest thread) or text. */
  predictions(body: Uint8Array | string, contentType?: string): Promise<IngestResult>;
  actuals(text: string, contentType?: string): Promise<IngestResult>;
  /** Prediction records accepted since start. */
  readonly accepted: number;
  /** The last append's outcome; null before the first. */
  readonly lastAppend: { ok: boolean; at: number; error?: string } | null;
}

const EMPTY: IngestResult = {
  status: 400,
  body: { error: 'empty batch: send a JSON array or NDJSON lines' },
};

const DEFAULT_MAX_FUTURE_MS = 5 * 60_000;
const DEFAULT_MAX_FEATURES = 1024;

/** Creates the handlers. */
export function createIngest(deps: IngestDeps): Ingest {
  const { log, window, metrics, clock } = deps;
  let accepted = 0;
  let lastAppend: Ingest['lastAppend'] = null;

  const refuse = (error: string, rejected?: Rejection[]): IngestResult => {
    metrics.recordRejectedBatch('invalid');
    return { status: 400, body: rejected ? { error, rejected } : { error } };
  };
  // An empty batch is refused like any other, and counted (issue 17, defect 15: it was not).
  const empty = (): IngestResult => {
    metrics.recordRejectedBatch('empty');
    return EMPTY;
  };
  const append = async (write: () => Promise<void>): Promise<IngestResult | null> => {
    try {
      await write();
      lastAppend = { ok: true, at: clock() };
      return null;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      lastAppend = { ok: false, at: clock(), error: message };
      // 503: nothing was acknowledged, so the client keeps the batch and retries.
      return { status: 503, body: { error: `event log write failed, batch not accepted: ${message}` } };
    }
  };

  // Every request is counted in flight from its start to its answer, whatever the outcome.
  const counted = async (handle: () => Promise<IngestResult>): Promise<IngestResult> => {
    deps.pressure?.enter();
    try {
      return await handle();
    } finally {
      deps.pressure?.leave();
    }
  };

  const predictions = async (body: Uint8Array | string, contentType?: string): Promise<IngestResult> => {
    const receivedAt = clock();
    const prepared = deps.workers
      ? await deps.workers.prepare(body, contentType, receivedAt)
      : preparePredictions(body, contentType, receivedAt);
    if (prepared.kind === 'refused') return refuse(prepared.error, prepared.rejected);
    if (prepared.kind === 'empty') return empty();
    const { columns } = prepared;
    const w = window.options;
    const admitted = admit(columns, {
      receivedAt,
      maxAgeMs: w.maxAgeMs,
      maxFutureMs: w.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS,
      maxFeatures: w.maxFeatures ?? DEFAULT_MAX_FEATURES,
      hasFeature: (name) => window.hasFeature(name),
      countedFeatures: window.countedFeatures,
    });
    if (!admitted.ok) return refuse(admitted.error, admitted.rejected);
    // Ids are the engine's to give (one sequence), in record order, once the whole batch is accepted.
    const ids: string[] = [];
    for (let i = 0; i < columns.rows; i++) {
      if (columns.id[i] === '') ids.push((columns.id[i] = deps.idGen()));
    }
    const data = logBytes(prepared.log, ids);
    const failed = await append(() => log.appendEncoded({ data, entries: columns.rows, maxTs: receivedAt }));
    if (failed) return failed;
    window.addColumns(columns);
    metrics.observeColumns(columns);
    metrics.recordIngested(columns.rows);
    accepted += columns.rows;
    return { status: 200, body: { accepted: columns.rows } };
  };
  const actuals = async (text: string, contentType?: string): Promise<IngestResult> => {
    const parsed = parseBody(text, contentType);
    if (!parsed.ok) return refuse(parsed.error, parsed.rejected);
    if (parsed.items.length === 0) return empty();
    const batch = validateActuals(parsed.items);
    if (!batch.ok) return refuse(batch.error, batch.rejected);
    const at = clock();
    const entries: LogEntry[] = batch.records.map((a) => ({ t: 'a', ts: at, id: a.id, actual: a.actual }));
    const failed = await append(() => log.append(entries));
    if (failed) return failed;
    for (const a of batch.records) window.applyActual(a.id, a.actual, at);
    return { status: 200, body: { accepted: batch.records.length } };
  };

  return {
    predictions: (body, contentType) => counted(() => predictions(body, contentType)),
    actuals: (text, contentType) => counted(() => actuals(text, contentType)),
    get accepted() {
      return accepted;
    },
    get lastAppend() {
      return lastAppend;
    },
  };
}

/** Applies one replayed log entry to the window (records are batched by the caller for speed). */
export function replayInto(window: PredictionWindow, now: number) {
  let pending: LogEntry[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    window.add(pending.flatMap((e) => (e.t === 'p' ? [e.rec] : [])));
    pending = [];
  };
  return {
    entry(e: LogEntry) {
      if (e.t === 'p') {
        pending.push(e);
        if (pending.length >= 4096) flush();
      } else if (e.t === 'a') {
        flush(); // an actual applies to records before it
        window.applyActual(e.id, e.actual, now);
      }
    },
    flush,
  };
}
