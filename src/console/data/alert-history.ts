/**
 * Alert history as one time-ordered list of events (alertmanager#1976, #2223): the engine's own state
 * changes, Prometheus' ALERTS series turned back into pending/firing/resolved transitions (with the exact
 * pending time from ALERTS_FOR_STATE, whose value is the alert's activeAt), and silences and acks made.
 * Pure: the series, entries and silences are fetched by cli/alerts-history.ts and data/history-deck.ts.
 */
import type { AmSilence, PromSeries } from '../../sources/index.js';

/** One event. Times are epoch ms. */
export interface HistoryEvent {
  at: number;
  source: 'engine' | 'prometheus' | 'alertmanager' | 'journal';
  name: string;
  labels: Record<string, string>;
  /** pending, firing, resolved, severity; or silenced, acked, expired for silences. */
  event: string;
  detail: string;
}

// A figure to 4 significant digits: the engine's value is a float as computed (0.3450099999999999)
const sig = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));

const identity = (l: Record<string, string>) => {
  const { alertstate: _, __name__: __, ...rest } = l;
  return rest;
};
const keyOf = (l: Record<string, string>) => JSON.stringify(Object.entries(l).sort());

/**
 * Transitions from ALERTS range series sampled every `stepS` seconds: at each step an alert is pending,
 * firing or absent, and each change is an event. `forState` is ALERTS_FOR_STATE over the same range: its
 * value is the episode's activeAt, so pending gets its exact time, and a pending shorter than one step
 * (missed by the samples) is still reported.
 */
export function promTransitions(alerts: PromSeries[], forState: PromSeries[], stepS: number): HistoryEvent[] {
  const timeline = new Map<string, { labels: Record<string, string>; at: Map<number, string> }>();
  for (const s of alerts) {
    const labels = identity(s.labels);
    const k = keyOf(labels);
    const t = timeline.get(k) ?? { labels, at: new Map() };
    for (const [ts] of s.points) {
      // firing wins over pending in the rare step that holds both (the rule's switch-over)
      if (t.at.get(ts) !== 'firing') t.at.set(ts, s.labels.alertstate ?? 'firing');
    }
    timeline.set(k, t);
  }
  const activeAt = new Map<string, Map<number, number>>();
  for (const s of forState) {
    const k = keyOf(identity(s.labels));
    const m = activeAt.get(k) ?? new Map<number, number>();
    for (const [ts, v] of s.points) m.set(ts, v * 1000);
    activeAt.set(k, m);
  }
  const out: HistoryEvent[] = [];
  for (const [k, t] of timeline) {
    const times = [...t.at.keys()].sort((a, b) => a - b);
    let prev: string | null = null;
    let prevTs = Number.NEGATIVE_INFINITY;
    for (const ts of times) {
      const state = t.at.get(ts)!;
      // a gap of more than one step is an absence: the alert resolved in between
      if (prev !== null && ts - prevTs > stepS * 1.5) {
        if (prev === 'firing') out.push(ev(t.labels, (prevTs + stepS) * 1000, 'resolved', 'ALERTS'));
        prev = null;
      }
      if (state !== prev) {
        const since = activeAt.get(k)?.get(ts);
        if (state === 'pending') {
          out.push(ev(t.labels, since ?? ts * 1000, 'pending', since ? 'ALERTS_FOR_STATE' : 'ALERTS'));
        } else {
          if (prev === null && since !== undefined && since < ts * 1000) {
            out.push(ev(t.labels, since, 'pending', 'ALERTS_FOR_STATE'));
          }
          out.push(ev(t.labels, ts * 1000, state, 'ALERTS'));
        }
      }
      prev = state;
      prevTs = ts;
    }
  }
  return out;
}

function ev(labels: Record<string, string>, at: number, event: string, detail: string): HistoryEvent {
  return { at, source: 'prometheus', name: labels.alertname ?? '?', labels, event, detail };
}

/** The engine's history entries as events. */
export function engineEvents(
  entries: ReadonlyArray<{
    ts: number;
    name: string;
    from: string;
    to: string;
    labels?: Record<string, string>;
    severity?: string | null;
    value?: number | null;
  }>,
): HistoryEvent[] {
  return entries.map((h) => ({
    at: h.ts,
    source: 'engine',
    name: h.name,
    // severity with the labels, as the alert's copies carry it: a run opened from this row gets the
    // alert's own label set, and so its fingerprint
    labels: { ...(h.labels ?? {}), ...(h.severity ? { severity: h.severity } : {}) },
    event: h.from === h.to ? 'severity' : h.to,
    detail: `${h.from} -> ${h.to}${h.severity ? ` ${h.severity}` : ''}${typeof h.value === 'number' ? ` value ${sig(h.value)}` : ''}`,
  }));
}

/** The events a silence or an ack makes, named once for silenceEvents and isAlertEvent. */
const madeEvent = (ack: boolean) => (ack ? 'acked' : 'silenced');
const endedEvent = (ack: boolean) => (ack ? 'ack ended' : 'silence ended');
/** Their labels are the silence's matchers, not an alert's label set. */
const SILENCE_EVENTS: ReadonlySet<string> = new Set(
  [true, false].flatMap((a) => [madeEvent(a), endedEvent(a)]),
);

/** True when the row is an alert's own (a state change, or a run started from it): its labels are the alert's. */
export function isAlertEvent(e: HistoryEvent): boolean {
  return !SILENCE_EVENTS.has(e.event);
}

/** Silences and acks made (and expired) in the window as events. */
export function silenceEvents(
  silences: ReadonlyArray<AmSilence & { target: string }>,
  from: number,
  to: number,
): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (const s of silences) {
    const name = s.matchers.find((m) => m.name === 'alertname' && !m.isRegex)?.value ?? '*';
    const labels = Object.fromEntries(s.matchers.map((m) => [m.name, m.value]));
    const source = s.target === 'engine' ? 'engine' : 'alertmanager';
    const what = `${s.createdBy}: ${s.comment} (${s.id})`;
    if (s.startsAt >= from && s.startsAt <= to)
      out.push({ at: s.startsAt, source, name, labels, event: madeEvent(s.ack), detail: what });
    if (s.endsAt >= from && s.endsAt <= to)
      out.push({
        at: s.endsAt,
        source,
        name,
        labels,
        event: endedEvent(s.ack),
        detail: what,
      });
  }
  return out;
}

/** Everything, oldest first, within [from, to]. */
export function mergeHistory(lists: HistoryEvent[][], from: number, to: number): HistoryEvent[] {
  return lists
    .flat()
    .filter((e) => e.at >= from && e.at <= to)
    .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
}

/** What runEvents reads of a journal entry. */
export interface RunRef {
  runId: string;
  runbook: { id: string };
  startedAt: string;
  status: string;
  labels: Record<string, string>;
  alert?: { fingerprint: string; labels: Record<string, string> };
  resumedFrom?: string;
}

/** The runbook runs started from an alert (the journal's `alert`, or an alertname label) as events. */
export function runEvents(entries: readonly RunRef[], from: number, to: number): HistoryEvent[] {
  return entries.flatMap((e) => {
    const labels = e.alert?.labels ?? e.labels;
    const at = Date.parse(e.startedAt);
    if (!labels.alertname || !(at >= from && at <= to)) return [];
    const resumed = e.resumedFrom ? `, resumes ${e.resumedFrom}` : '';
    return [
      {
        at,
        source: 'journal' as const,
        name: labels.alertname,
        labels,
        event: 'runbook run',
        detail: `${e.runbook.id} ${e.status} (${e.runId}${resumed})`,
      },
    ];
  });
}
