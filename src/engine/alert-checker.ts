/**
 * The engine's alert check: once per alert interval, the latest evaluation's values and the error bursts
 * go through the pure alerting core; notices are queued on the dispatcher (never awaited) and state
 * changes appended to the history, in memory for GET /alerts and on disk.
 */
import {
  type AlertRule,
  type AlertState,
  aggregateCounts,
  burstInputs,
  type Dispatcher,
  type Evaluation,
  evaluate,
  groupNotices,
  type HistoryBuffer,
  type HistoryEntry,
  type HistorySink,
  inputsFromValues,
  type LabeledEvent,
  stepOptionsFromConfig,
} from '../alerting/index.js';
import type { Config } from '../config/index.js';

/** The labels an engine alert is matched by: alertname and severity besides its own, as GET /alerts shows. */
export function alertLabels(a: AlertState): Record<string, string> {
  return { alertname: a.name, ...(a.severity ? { severity: a.severity } : {}), ...a.labels };
}

/** What the checker needs. */
export interface AlertCheckerOptions {
  config: Config;
  rules: readonly AlertRule[];
  dispatcher: Dispatcher;
  /** The in-memory history GET /alerts shows. */
  buffer: HistoryBuffer;
  /** The on-disk history. */
  sink: HistorySink;
  onError: (err: unknown) => void;
  /**
   * True when an alert (its labels with alertname and severity) is silenced or acked in the engine: its
   * firing and repeat notices are held back. Resolved notices still go out when alerting.send_resolved
   * is set, so whoever was told it fired learns it ended (alertmanager#226).
   */
  muted?: (labels: Record<string, string>) => boolean;
}

/** The checker and its current alerts. */
export interface AlertChecker {
  check(
    values: Readonly<Record<string, number | null>>,
    errors: readonly LabeledEvent[],
    now: number,
  ): Evaluation;
  alerts(): AlertState[];
  history(): HistoryEntry[];
}

/** Creates a checker with no active alerts (alert state starts afresh on each start, as in Prometheus). */
export function createAlertChecker(opts: AlertCheckerOptions): AlertChecker {
  const { config, rules, dispatcher, buffer, sink } = opts;
  const stepOptions = stepOptionsFromConfig(config);
  let states = new Map<string, AlertState>();
  return {
    check(values, errors, now) {
      // The market-maker guide's aggregation: one PredictionErrorBurst per error_type group over threshold.
      const bursts = config.alerting.aggregation.flatMap((agg) =>
        burstInputs(aggregateCounts(errors, agg, now)),
      );
      const ev = evaluate(states, [...inputsFromValues(rules, values), ...bursts], now, stepOptions);
      states = ev.states;
      const sendResolved = config.alerting.send_resolved;
      // a silenced (or acked) alert's firing and repeat notices are held back; resolved ones still go out
      const muted = opts.muted;
      const heard = muted
        ? ev.events.filter((e) => e.type === 'resolved' || !muted(alertLabels(e.alert)))
        : ev.events;
      for (const notice of groupNotices(heard, { sendResolved })) dispatcher.dispatch(notice);
      if (!sendResolved) {
        // Unsent resolutions still end the waiting firing notices of their alerts.
        for (const n of groupNotices(ev.events.filter((e) => e.type === 'resolved'))) dispatcher.record(n);
      }
      for (const t of ev.transitions) {
        buffer.append(t);
        Promise.resolve()
          .then(() => sink.append(t))
          .catch(opts.onError);
      }
      return ev;
    },
    alerts: () => [...states.values()],
    history: () => buffer.entries(),
  };
}
