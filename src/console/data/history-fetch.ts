/**
 * The alert history over [from, to] from every source, as `mmops alerts history` prints it and the console's
 * History view shows it: Prometheus' ALERTS and ALERTS_FOR_STATE, the engine's own state changes, and the
 * silences and acks of Alertmanager and the engine (expired ones too: they are history), and the runbook
 * runs the journal records as started from an alert.
 */
import {
  type AlertmanagerClient,
  type EngineClient,
  type PrometheusClient,
  rangeStep,
} from '../../sources/index.js';
import {
  engineEvents,
  type HistoryEvent,
  mergeHistory,
  promTransitions,
  type RunRef,
  runEvents,
  silenceEvents,
} from './alert-history.js';

/** Where the history comes from. */
export interface HistoryClients {
  prometheus: PrometheusClient;
  /** null when no engine is configured (Prometheus alone): its history is then simply absent. */
  engine: EngineClient | null;
  silences: ReadonlyArray<{ name: 'alertmanager' | 'engine'; client: AlertmanagerClient }>;
}

/** The events, oldest first; the sources that did not answer; false when neither alert source did. */
export interface AlertHistory {
  from: number;
  to: number;
  events: HistoryEvent[];
  errors: Array<{ source: string; error: string }>;
  reachable: boolean;
}

/** Fetches and merges the history of [from, to] (epoch ms). */
export async function fetchHistory(
  c: HistoryClients,
  from: number,
  to: number,
  runs: readonly RunRef[] = [],
): Promise<AlertHistory> {
  // up to 10,000 points a series (a 1 s step over 2.7 h, 9 s over a day), under Prometheus' 11,000
  const step = rangeStep(from / 1000, to / 1000, 10_000);
  const [alerts, forState, engine, ...silences] = await Promise.all([
    c.prometheus.range('ALERTS', from / 1000, to / 1000, step),
    c.prometheus.range('ALERTS_FOR_STATE', from / 1000, to / 1000, step),
    c.engine ? c.engine.alerts() : Promise.resolve(null),
    ...c.silences.map((t) => t.client.silences()),
  ]);
  const errors = [
    ...(alerts.ok ? [] : [{ source: 'prometheus', error: alerts.error }]),
    ...(engine === null || engine.ok ? [] : [{ source: 'engine', error: engine.error }]),
    ...silences.flatMap((r, i) => (r.ok ? [] : [{ source: c.silences[i]!.name, error: r.error }])),
  ];
  const listed = silences.flatMap((r, i) =>
    r.ok ? r.data.map((s) => ({ ...s, target: c.silences[i]!.name })) : [],
  );
  const events = mergeHistory(
    [
      alerts.ok ? promTransitions(alerts.data, forState.ok ? forState.data : [], step) : [],
      engine?.ok ? engineEvents(engine.data.history) : [],
      silenceEvents(listed, from, to),
      runEvents(runs, from, to),
    ],
    from,
    to,
  );
  return { from, to, events, errors, reachable: alerts.ok || engine?.ok === true };
}
