/** Operational metrics of prediction records: latency, throughput, error rate and spread compliance. */

import { type LatencySummary, latencyPercentiles } from './percentile.js';

/** What the operational metrics read from one prediction record (DESIGN.md record fields). */
export interface OperationalRecord {
  /** Epoch milliseconds or an ISO-8601 string. */
  ts?: number | string | null;
  latencySeconds?: number | null;
  /** An error type (a failed prediction) or true; '', null, undefined and false mean success. */
  error?: string | boolean | null;
  spread?: number | null;
  spreadLimit?: number | null;
}

/** Options for `operationalMetrics`. */
export interface OperationalOptions {
  /** Length of the window the records came from. When absent it is derived from the timestamps. */
  windowSeconds?: number;
}

/** The market-maker guide's performance metrics over one window, in base units. */
export interface OperationalMetrics {
  records: number;
  errors: number;
  /** errors / records, 0..1; null with no records. */
  errorRate: number | null;
  latency: LatencySummary;
  /** The window used for throughput; null when neither given nor derivable. */
  windowSeconds: number | null;
  /** Predictions per second; null without a positive window. */
  throughput: number | null;
  /** Records with both a finite spread and a finite spread limit. */
  spreadChecked: number;
  /** Share of `spreadChecked` records with |spread| <= spread_limit; null when none. */
  spreadCompliance: number | null;
}

function toMillis(ts: number | string | null | undefined): number {
  if (typeof ts === 'number') return ts;
  return typeof ts === 'string' ? Date.parse(ts) : Number.NaN;
}

function isError(error: OperationalRecord['error']): boolean {
  return error === true || (typeof error === 'string' && error.trim() !== '');
}

// Throughput: with a given window, records / windowSeconds (the guide's "predictions per second").
// Without one, n timestamps bound n - 1 inter-arrival gaps, so the rate is (n - 1) / (last - first);
// n / span would overstate a steady 1/s stream of 200 records as 200/199 per second.
function throughputOf(
  records: ReadonlyArray<OperationalRecord>,
  windowSeconds: number | undefined,
): { windowSeconds: number | null; throughput: number | null } {
  if (windowSeconds !== undefined) {
    return { windowSeconds, throughput: windowSeconds > 0 ? records.length / windowSeconds : null };
  }
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let stamped = 0;
  for (const r of records) {
    const ms = toMillis(r.ts);
    if (!Number.isFinite(ms)) continue;
    stamped += 1;
    first = Math.min(first, ms);
    last = Math.max(last, ms);
  }
  if (stamped < 2 || last <= first) return { windowSeconds: null, throughput: null };
  const span = (last - first) / 1000;
  return { windowSeconds: span, throughput: (stamped - 1) / span };
}

/**
 * Computes latency (see `latencyPercentiles`: numpy-linear p50/p95/p99), throughput, error rate
 * (failed / all records, 0..1) and spread compliance (the market-maker guide's "spread within limits":
 * |spread| <= spread_limit, among records carrying both) over a window of records.
 */
export function operationalMetrics(
  records: ReadonlyArray<OperationalRecord>,
  options: OperationalOptions = {},
): OperationalMetrics {
  let errors = 0;
  let spreadChecked = 0;
  let compliant = 0;
  for (const r of records) {
    if (isError(r.error)) errors += 1;
    const { spread, spreadLimit } = r;
    if (typeof spread === 'number' && typeof spreadLimit === 'number') {
      if (!Number.isFinite(spread) || !Number.isFinite(spreadLimit)) continue;
      spreadChecked += 1;
      if (Math.abs(spread) <= spreadLimit) compliant += 1;
    }
  }
  return {
    records: records.length,
    errors,
    errorRate: records.length > 0 ? errors / records.length : null,
    latency: latencyPercentiles(records.map((r) => r.latencySeconds)),
    ...throughputOf(records, options.windowSeconds),
    spreadChecked,
    spreadCompliance: spreadChecked > 0 ? compliant / spreadChecked : null,
  };
}
