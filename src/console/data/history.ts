/** A bounded history of engine reports polled since start: the charts' data when there is no Prometheus. */
import type { EngineReportDoc } from '../../sources/index.js';

/** The most reports kept (a day at a 2 min evaluation, or 33 min at a 2 s refresh). */
export const HISTORY_CAPACITY = 1000;

/** Returns `history` plus `report` when it is a new evaluation; the same array when it is not. */
export function appendReport(
  history: readonly EngineReportDoc[],
  report: EngineReportDoc,
  capacity = HISTORY_CAPACITY,
): readonly EngineReportDoc[] {
  const last = history[history.length - 1];
  if (last && last.evaluatedAt === report.evaluatedAt) return history;
  const next = [...history, report];
  return next.length > capacity ? next.slice(next.length - capacity) : next;
}

/** One figure of each report within the last `rangeMs` before `now`; null figures become gaps (NaN). */
export function seriesOf(
  history: readonly EngineReportDoc[],
  pick: (r: EngineReportDoc) => number | null | undefined,
  now: number,
  rangeMs: number,
): number[] {
  const from = now - rangeMs;
  return history
    .filter((r) => Date.parse(r.evaluatedAt) >= from)
    .map((r) => {
      const v = pick(r);
      return v === null || v === undefined ? Number.NaN : v;
    });
}
