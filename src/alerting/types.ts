/** The alerting room's shared vocabulary: rules, alert state, the events a step emits. */
import type { Levels } from '../monitor/index.js';

/** How bad a sample is. The critical level beats the warning level. */
export type Severity = 'warning' | 'critical';

/** Where an alert is in its life; Prometheus' StateInactive/StatePending/StateFiring, plus our resolved. */
export type AlertStatus = 'inactive' | 'pending' | 'firing' | 'resolved';

/** What a notification is about. */
export type AlertEventType = 'firing' | 'resolved' | 'severity_changed' | 'repeat';

/** One alerting rule: a value of the evaluation compared with its warning and critical levels (monitor's Levels). */
export interface AlertRule extends Levels {
  /** Alert name, PascalCase as Prometheus writes it (HighPredictionLatency). */
  name: string;
  /** The key of the evaluation's values this rule reads, e.g. 'prediction_latency_p95_seconds'. */
  metric: string;
  /** How long the warning level must hold before the alert fires; 0 fires at once. */
  forSeconds: number;
  summary: string;
  description: string;
  /** Runbook id: runbooks/<id>.md. */
  runbook: string;
  /** Extra identifying labels; two rules may share a name when their labels differ. */
  labels?: Readonly<Record<string, string>>;
}

/** The annotations an alert carries to the notifiers and the API. */
export interface AlertAnnotations {
  summary: string;
  description: string;
  runbook: string;
}

/** The state of one alert (one rule and label set) between evaluations. Times are epoch ms. */
export interface AlertState {
  name: string;
  labels: Readonly<Record<string, string>>;
  annotations: AlertAnnotations;
  state: AlertStatus;
  /** Severity of the latest active sample; the last one it had once resolved; null when inactive. */
  severity: Severity | null;
  /** The latest sample; null when there was no data. */
  value: number | null;
  /** When the value first crossed a level in this episode (Prometheus' ActiveAt); `for` counts from here. */
  activeAt: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
  /** When a notification event was last emitted; the repeat interval counts from here. */
  lastSentAt: number | null;
  /** The evaluation that produced this state. */
  updatedAt: number;
}

/** Something to notify about, emitted by a state-machine step. */
export interface AlertEvent {
  type: AlertEventType;
  /** The evaluation time (epoch ms). */
  at: number;
  /** The alert after the step. */
  alert: AlertState;
  /** For severity_changed: the severity before. */
  previousSeverity?: Severity;
}
