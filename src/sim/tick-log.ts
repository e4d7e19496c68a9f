/** What the demo service writes to its app log each tick: batches, failed predictions, delivery, memory. */
import type { DeliveryEvent } from './delivery.js';
import type { LogFields, LogLevel } from './log-file.js';
import type { Generated } from './types.js';

type Log = (level: LogLevel, message: string, fields?: LogFields) => void;

/** The simulator's log vocabulary. */
export interface TickLog {
  /** Logs one ERROR line per failed prediction and one INFO (or WARN slow batch) line; returns the failures. */
  batch(batch: readonly Generated[]): number;
  /** Logs a delivery problem or a recovery; a plain success adds nothing (the batch line covers it). */
  delivery(path: string, event: DeliveryEvent<unknown>): void;
  /** Notes the memory ballast after a grow step (WARN once when it reaches the cap). */
  memory(heldBytes: number, capBytes: number): void;
  /** Notes that the ballast was released. */
  released(bytes: number): void;
}

const MB = 1024 * 1024;

/** The p-quantile of sorted numbers, nearest rank. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** A TickLog writing through `log`; a batch with p95 latency above `slowSeconds` is a WARN. */
export function createTickLog(log: Log, slowSeconds: number): TickLog {
  let atCap = false;
  let dropped = 0;
  return {
    batch(batch) {
      let failures = 0;
      for (const { record } of batch) {
        if (!record.error) continue;
        failures++;
        log('ERROR', 'prediction failed', {
          error_type: record.error,
          id: record.id,
          model: record.model,
          asset_class: record.asset_class,
          latency_ms: Math.round(record.latency_seconds * 1000),
        });
      }
      if (batch.length === 0) return failures;
      const latencies = batch.map((g) => g.record.latency_seconds).sort((a, b) => a - b);
      const p95 = quantile(latencies, 0.95);
      const slow = p95 > slowSeconds;
      log(slow ? 'WARN' : 'INFO', slow ? 'slow batch' : 'batch served', {
        records: batch.length,
        errors: failures,
        p50_latency_ms: Math.round(quantile(latencies, 0.5) * 1000),
        p95_latency_ms: Math.round(p95 * 1000),
        max_latency_ms: Math.round(latencies[latencies.length - 1]! * 1000),
      });
      return failures;
    },
    delivery(path, e) {
      if (e.kind === 'accepted' && e.afterFailures > 0) {
        log('INFO', 'engine reachable again', {
          path,
          after_failed_posts: e.afterFailures,
          records: e.items.length,
        });
      } else if (e.kind === 'retry') {
        log('WARN', 'engine post failed, will retry', {
          path,
          status: e.status,
          reason: e.reason,
          records: e.items.length,
          attempt: e.attempt,
          retry_in_ms: e.delayMs,
        });
      } else if (e.kind === 'rejected') {
        log('ERROR', 'engine rejected batch, dropped', { path, status: e.status, records: e.items.length });
      } else if (e.kind === 'dropped') {
        dropped += e.count;
        log('WARN', 'buffer full, dropped oldest', { path, dropped: e.count, dropped_total: dropped });
      }
    },
    memory(held, cap) {
      if (held >= cap && !atCap) log('WARN', 'memory pressure at cap', { held_mb: Math.round(held / MB) });
      atCap = held >= cap;
    },
    released(bytes) {
      atCap = false;
      if (bytes > 0) log('INFO', 'memory ballast released', { released_mb: Math.round(bytes / MB) });
    },
  };
}
