/**
 * The questions an operator asks of the store (issue 13), as SQL and a pure verdict over the rows: accuracy
 * by day and model, actuals' arrival, request volume per minute, the slowest minutes. `mmops diag store`
 * and the runbooks ask the same.
 */
import type { Config } from '../../config/index.js';
import { type LevelState, levelBook } from '../../monitor/index.js';

/** The questions, each one read-only statement. $1 is the retention in days. */
export const QUESTIONS = {
  accuracyByDay: `SELECT date_trunc('day', "timestamp")::date::text AS day, coalesce(model, 'default') AS model,
      avg((prediction = actual)::int)::float8 AS accuracy, count(*)::int AS scored
    FROM predictions
    WHERE actual IS NOT NULL AND error_type IS NULL AND "timestamp" > now() - $1::float8 * interval '1 day'
    GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
  // up to 5 minutes ago: actuals arrive "a few seconds later", the newest predictions have not had the time
  actuals: `SELECT count(*)::int AS predictions, avg((actual IS NOT NULL)::int)::float8 AS arrived_share,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM actual_at - received_at))::float8 AS p50_late_seconds,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM actual_at - received_at))::float8 AS p95_late_seconds
    FROM predictions
    WHERE "timestamp" > now() - $1::float8 * interval '1 day' AND "timestamp" < now() - interval '5 minutes'`,
  volume: `SELECT date_trunc('minute', "timestamp") AS minute, count(*)::int AS requests
    FROM predictions WHERE "timestamp" > now() - interval '1 hour'
    GROUP BY 1 ORDER BY 1 DESC LIMIT 10`,
  slowest: `SELECT date_trunc('minute', "timestamp") AS minute,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_seconds)::float8 AS p95_seconds, count(*)::int AS requests
    FROM predictions WHERE "timestamp" > now() - interval '1 hour' AND latency_seconds IS NOT NULL
    GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
} as const;

/** The answers as rows. */
export interface StoreAnswers {
  accuracyByDay: { day: string; model: string; accuracy: number; scored: number }[];
  actuals: {
    predictions: number;
    arrived_share: number | null;
    p50_late_seconds: number | null;
    p95_late_seconds: number | null;
  };
  volume: { minute: Date; requests: number }[];
  slowest: { minute: Date; p95_seconds: number; requests: number }[];
}

/** One finding, worded for the operator. */
export interface Finding {
  state: Exclude<LevelState, 'ok' | 'unknown'>;
  what: string;
}

// Below this share of arrived actuals, accuracy describes a minority of predictions.
const MIN_ARRIVED = 0.5;

/** The findings: a day and model under the accuracy levels, few actuals, a minute over the latency levels. */
export function judgeAnswers(a: StoreAnswers, config: Config): Finding[] {
  const out: Finding[] = [];
  const book = levelBook(config);
  for (const r of a.accuracyByDay) {
    const state = book.accuracy.judge(r.accuracy);
    if (state === 'warning' || state === 'critical')
      out.push({ state, what: `accuracy of ${r.model} on ${r.day} is ${r.accuracy.toFixed(3)}` });
  }
  const share = a.actuals.arrived_share;
  if (a.actuals.predictions > 0 && share !== null && share < MIN_ARRIVED) {
    out.push({
      state: 'warning',
      what: `only ${(share * 100).toFixed(1)} % of predictions have their actual`,
    });
  }
  const worst = a.slowest[0];
  if (worst) {
    const state = book.latency.judge(worst.p95_seconds);
    if (state === 'warning' || state === 'critical') {
      const at = worst.minute.toISOString().slice(11, 16);
      out.push({ state, what: `p95 latency at ${at} UTC was ${(worst.p95_seconds * 1000).toFixed(0)} ms` });
    }
  }
  return out;
}
