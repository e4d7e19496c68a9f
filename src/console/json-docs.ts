/**
 * `mmops status --json` and `mmops alerts --json` as data (json-schema.ts): each figure's number, unit,
 * level and levels from the panel models, each alert's value and its rule's levels. Display strings stay
 * in `text`, for people.
 */
import type { AlertDoc, StatusDoc } from './json-schema.js';
import type { MergedAlert } from './panels/alerts.js';
import { PANEL_ORDER } from './panels/build.js';
import type { Stat, Unit } from './panels/model.js';
import type { SourceCheck, StatusSnapshot } from './snapshot.js';

/** An alert rule's unit and levels, as the rendered rules compare them. */
export interface AlertLevels {
  unit: Unit | null;
  warning: number | null;
  critical: number | null;
  direction: 'above' | 'below' | null;
}

/** Finds an alert's rule levels by name and labels (cli/ builds it from the alert specs); null: unknown rule. */
export type AlertLevelLookup = (name: string, labels: Readonly<Record<string, string>>) => AlertLevels | null;

const NO_LEVELS: AlertLevels = { unit: null, warning: null, critical: null, direction: null };

/** One figure as data. A stat without a number (none today) reads as a count of nothing: null. */
function figureOf(x: Stat): StatusDoc['panels']['quality']['stats'][string] {
  const n = x.number ?? null;
  return {
    // JSON has no NaN or Infinity: a quantile in the +Inf bucket is no number a script can compare
    value: n !== null && Number.isFinite(n) ? n : null,
    unit: x.unit ?? 'count',
    level: x.state,
    ...(x.levels ? { ...x.levels } : {}),
    ...(x.labels ? { labels: x.labels } : {}),
    text: x.value,
  };
}

/** A source as data (the same object the snapshot holds). */
const sourceOf = (c: SourceCheck) => ({ ...c });

/** One merged alert as data: ISO times, the age in seconds, the value and its rule's levels. */
export function alertDoc(a: MergedAlert, now: number, lookup?: AlertLevelLookup): AlertDoc {
  const levels = lookup?.(a.name, a.labels) ?? NO_LEVELS;
  return {
    key: a.key,
    name: a.name,
    labels: a.labels,
    severity: a.severity,
    state: a.state,
    since: a.since === null ? null : new Date(a.since).toISOString(),
    activeSeconds: a.since === null ? null : Math.max(0, (now - a.since) / 1000),
    value: a.value !== null && Number.isFinite(a.value) ? a.value : null,
    ...levels,
    sources: a.sources,
    summary: a.summary,
    runbook: a.runbook,
  };
}

/** The JSON document of `mmops status --json`. */
export function statusJson(s: StatusSnapshot, exitCode: number, lookup?: AlertLevelLookup): StatusDoc {
  const panels = Object.fromEntries(
    PANEL_ORDER.filter((k) => k !== 'alerts').map((k) => {
      const m = s.models[k];
      return [
        k,
        {
          state: m.state,
          stats: Object.fromEntries(m.stats.map((x) => [x.label, figureOf(x)])),
          ...(m.note ? { note: m.note } : {}),
          ...(m.records ? { rows: m.records } : {}),
        },
      ];
    }),
  ) as StatusDoc['panels'];
  return {
    at: new Date(s.at).toISOString(),
    overall: s.overall,
    exitCode,
    sources: {
      prometheus: sourceOf(s.sources.prometheus),
      alertmanager: sourceOf(s.sources.alertmanager),
      engine: sourceOf(s.sources.engine),
    },
    panels,
    alerts: s.models.alerts.alerts.map((a) => alertDoc(a, s.at, lookup)),
  };
}
