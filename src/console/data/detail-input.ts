/**
 * Pure: gathers one alert's detail from what the console already holds (the merged alerts, the silences
 * deck, the history deck, the runbook deck and Alertmanager's route info): no fetch of its own.
 */
import type { JournalEntry, Runbook } from '../../runbook/index.js';
import { type DetailInput, type DetailRun, isAlerts } from '../panels/alert-detail.js';
import type { MergedAlert } from '../panels/alerts.js';
import { runbookForAlert } from '../runbooks/find.js';
import type { SilenceRow } from '../silence/silence-deck.js';
import { ackNote } from './ack-note.js';
import type { LevelOf, RouteInfo } from './alert-context.js';
import type { HistoryState } from './history-deck.js';

/** What the detail is gathered from. */
export interface DetailSources {
  alerts: readonly MergedAlert[];
  now: number;
  silences: readonly SilenceRow[];
  route: RouteInfo | null;
  level: LevelOf | undefined;
  history: HistoryState | null;
  runbooks: readonly Runbook[];
  entries: readonly JournalEntry[];
}

const asRun = (e: JournalEntry): DetailRun => ({
  runId: e.runId,
  runbook: { id: e.runbook.id, title: e.runbook.title },
  startedAt: e.startedAt,
  status: e.status,
  ...(e.resumedFrom ? { resumedFrom: e.resumedFrom } : {}),
});

/** The runs started from `a`: the journal's alert fingerprint, else the alert's name and labels. */
export function runsOf(a: MergedAlert, entries: readonly JournalEntry[]): JournalEntry[] {
  return entries.filter((e) => {
    if (e.alert && a.fingerprint) return e.alert.fingerprint === a.fingerprint;
    const labels = e.alert?.labels ?? e.labels;
    return labels.alertname !== undefined && isAlerts(a, labels.alertname, labels);
  });
}

/** The detail of `a`. */
export function detailInput(a: MergedAlert, s: DetailSources): DetailInput {
  const rb = runbookForAlert({ name: a.name, runbook: a.runbook, labels: a.labels }, s.runbooks) ?? null;
  const last = rb ? s.entries.findLast((e) => e.runbook.id === rb.id) : undefined;
  const silences = s.silences.filter((r) => a.silencedBy.some((m) => m.target === r.target && m.id === r.id));
  // the inhibitor's labels: its merged row's, or the copy of the same alert Alertmanager fingerprinted
  const inhibitors = a.inhibitedBy.map(({ by, labels }) => {
    const src = s.alerts.find((x) => x.fingerprint === by) ?? null;
    return {
      fingerprint: by,
      alert: src,
      target: labels,
      rule: src && s.route ? s.route.inhibitRule(src.allLabels, labels) : null,
    };
  });
  const h = s.history?.history;
  return {
    alert: a,
    now: s.now,
    ack: ackNote(a, s.silences),
    silences,
    inhibitors,
    level: s.level?.(a.name, a.allLabels, a.value) ?? null,
    routeNote: s.route?.note ?? null,
    history: (h?.events ?? []).filter((e) => isAlerts(a, e.name, e.labels)),
    historyNote: h
      ? h.errors.length > 0
        ? `without ${h.errors.map((e) => e.source).join(', ')}`
        : null
      : (s.history?.error ?? 'asking…'),
    runbook: rb ? { id: rb.id, title: rb.title } : null,
    lastRun: last ? asRun(last) : null,
    runs: runsOf(a, s.entries).map(asRun),
  };
}
