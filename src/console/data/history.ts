/** A bounded history of engine reports polled since start: the charts' data when there is no Prometheus. */
import type { EngineReportDoc } from '../../sources/index.js';

/** The most reports kept (a day at a 2 min evaluation, or 33 min at a 2 s refresh). */
export const HISTORY_CAPACITY = 1000;

type Num = number | null | undefined;

/**
 * What a history entry keeps of a report: its time and the figures the charts draw. A whole report (every
 * feature's drift, the quality issues, the alerts) is tens of KB of objects; kept 1,000 times it grew the
 * console's heap by ~1.5 MB a minute until the history was full (two heap snapshots of the console over the
 * demo; issue 16's 30-minute soak read +46 MB/hour).
 */
export interface ReportFigures {
  evaluatedAt: string;
  /** evaluatedAt in epoch ms, parsed once: the charts place every entry every refresh. */
  at: number;
  quality?: { score?: Num };
  performance?: {
    accuracy?: Num;
    throughput?: Num;
    errorRatio?: Num;
    latency?: { p50?: Num; p95?: Num; p99?: Num };
  };
  system?: { cpuRatio?: Num };
}

/** The chart figures of `r`. */
export function figuresOf(r: EngineReportDoc): ReportFigures {
  const perf = r.performance;
  const lat = perf?.latency;
  return {
    evaluatedAt: r.evaluatedAt,
    at: Date.parse(r.evaluatedAt),
    quality: { score: r.quality?.score },
    performance: {
      accuracy: perf?.accuracy,
      throughput: perf?.throughput,
      errorRatio: perf?.errorRatio,
      latency: { p50: lat?.p50, p95: lat?.p95, p99: lat?.p99 },
    },
    system: { cpuRatio: r.system?.cpuRatio },
  };
}

/** Returns `history` plus `report`'s figures when it is a new evaluation; the same array when it is not. */
export function appendReport(
  history: readonly ReportFigures[],
  report: EngineReportDoc,
  capacity = HISTORY_CAPACITY,
): readonly ReportFigures[] {
  const last = history[history.length - 1];
  if (last && last.evaluatedAt === report.evaluatedAt) return history;
  const next = [...history, figuresOf(report)];
  return next.length > capacity ? next.slice(next.length - capacity) : next;
}

/** How many evenly spaced points a history series has over its range (the charts resample to their width). */
export const HISTORY_POINTS = 240;

/**
 * The figures of the reports within the last `rangeMs` before `now`, as `points` evenly spaced points over
 * that whole range (the last report of each slot; empty slots and null figures are gaps, NaN), so that a
 * chart's time axis ("-15m … now") holds for them as for Prometheus' range queries: a console started
 * five minutes ago draws its points at the right end of a 15 minute chart. [] when no report is in range.
 */
export function seriesOf(
  history: readonly ReportFigures[],
  pick: (r: ReportFigures) => number | null | undefined,
  now: number,
  rangeMs: number,
  points = HISTORY_POINTS,
): number[] {
  const from = now - rangeMs;
  const out = new Array<number>(points).fill(Number.NaN);
  let any = false;
  // indexed, not for...of: the console runs at V8's baseline tier (cli/console-process.ts), which makes
  // an iterator result per element, and this runs over up to 1,000 entries for each chart Prometheus lacks
  for (let k = 0; k < history.length; k++) {
    const r = history[k]!;
    const t = r.at;
    if (!(t >= from)) continue;
    any = true;
    const v = pick(r);
    const i = Math.min(points - 1, Math.floor(((t - from) / rangeMs) * points));
    if (v !== null && v !== undefined) out[i] = v;
  }
  return any ? out : [];
}
