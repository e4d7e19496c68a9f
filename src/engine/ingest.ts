/**
 * The ingest path, apart from HTTP: parse, validate the whole batch, append it to the event log, and only
 * then apply it to the window and the counters. A refused batch touches nothing; an accepted one is on disk
 * before the caller sends its 2xx.
 */
import type { EventLog, LogEntry } from './event-log/index.js';
import type { EngineMetrics } from './metrics/index.js';
import { parseBody } from './parse-body.js';
import { type Rejection, validateActuals, validatePredictions } from './records.js';
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
}

/** The ingest handlers and the state /health and the throughput figure read. */
export interface Ingest {
  predictions(text: string, contentType?: string): Promise<IngestResult>;
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

/** Creates the handlers. */
export function createIngest(deps: IngestDeps): Ingest {
  const { log, window, metrics, clock } = deps;
  let accepted = 0;
  let lastAppend: Ingest['lastAppend'] = null;

  const refuse = (error: string, rejected?: Rejection[]): IngestResult => {
    metrics.recordRejectedBatch('invalid');
    return { status: 400, body: rejected ? { error, rejected } : { error } };
  };
  const append = async (entries: LogEntry[]): Promise<IngestResult | null> => {
    try {
      await log.append(entries);
      lastAppend = { ok: true, at: clock() };
      return null;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      lastAppend = { ok: false, at: clock(), error: message };
      // 503: nothing was acknowledged, so the client keeps the batch and retries.
      return { status: 503, body: { error: `event log write failed, batch not accepted: ${message}` } };
    }
  };

  return {
    async predictions(text, contentType) {
      const parsed = parseBody(text, contentType);
      if (!parsed.ok) return refuse(parsed.error, parsed.rejected);
      if (parsed.items.length === 0) return EMPTY;
      const receivedAt = clock();
      const batch = validatePredictions(parsed.items, {
        receivedAt,
        idGen: deps.idGen,
        ...(parsed.lines ? { lines: parsed.lines } : {}),
      });
      if (!batch.ok) return refuse(batch.error, batch.rejected);
      const entries: LogEntry[] = batch.records.map((rec, i) => {
        const raw = batch.verbatim?.[i];
        return raw === undefined ? { t: 'p', ts: receivedAt, rec } : { t: 'p', ts: receivedAt, rec, raw };
      });
      const failed = await append(entries);
      if (failed) return failed;
      window.add(batch.records);
      metrics.observePredictions(batch.records);
      metrics.recordIngested(batch.records.length);
      accepted += batch.records.length;
      return { status: 200, body: { accepted: batch.records.length } };
    },
    async actuals(text, contentType) {
      const parsed = parseBody(text, contentType);
      if (!parsed.ok) return refuse(parsed.error, parsed.rejected);
      if (parsed.items.length === 0) return EMPTY;
      const batch = validateActuals(parsed.items);
      if (!batch.ok) return refuse(batch.error, batch.rejected);
      const at = clock();
      const failed = await append(batch.records.map((a) => ({ t: 'a', ts: at, id: a.id, actual: a.actual })));
      if (failed) return failed;
      for (const a of batch.records) window.applyActual(a.id, a.actual, at);
      return { status: 200, body: { accepted: batch.records.length } };
    },
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
