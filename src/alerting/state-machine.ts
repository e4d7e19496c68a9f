/**
 * The alert state machine, a pure function of (previous state, sample, rule, now).
 *
 * Modelled on Prometheus rules/alerting.go (AlertingRule.Eval), with two differences:
 * one rule carries both levels, so severity is recomputed every sample instead of being two rules;
 * and notification bookkeeping (repeat interval) lives here instead of in a separate sender.
 */
import { severityOf } from './severity.js';
import type { AlertEvent, AlertRule, AlertState, Severity } from './types.js';

/** Prometheus' resolvedRetention: a resolved alert is kept (and shown) this long, then dropped. */
export const RESOLVED_RETENTION_SECONDS = 15 * 60;
/** The default repeat interval, the same as config/default.yaml alerting.cooldown. */
export const DEFAULT_COOLDOWN_SECONDS = 30 * 60;

/** Tunables of a step; both default to the constants above. */
export interface StepOptions {
  /** Re-notify a still-firing alert after this long without a notification; <= 0 disables repeats. */
  cooldownSeconds?: number;
  resolvedRetentionSeconds?: number;
}

/** One evaluation's value for a rule; null means no data (the series is absent). */
export interface Sample {
  value: number | null;
}

/** The result of a step: the next state (possibly inactive) and what to notify about. */
export interface StepResult {
  next: AlertState;
  events: AlertEvent[];
}

function inactive(rule: AlertRule, value: number | null, now: number): AlertState {
  return {
    name: rule.name,
    labels: { ...rule.labels },
    annotations: { summary: rule.summary, description: rule.description, runbook: rule.runbook },
    state: 'inactive',
    severity: null,
    value,
    activeAt: null,
    firedAt: null,
    resolvedAt: null,
    lastSentAt: null,
    updatedAt: now,
  };
}

function fire(alert: AlertState, now: number): StepResult {
  const next: AlertState = { ...alert, state: 'firing', firedAt: now, lastSentAt: now };
  return { next, events: [{ type: 'firing', at: now, alert: next }] };
}

/**
 * Advances one alert by one evaluation.
 *
 * 1. inactive/resolved + active sample: a new episode starts pending with activeAt = now (a resolved
 *    alert is not revived: Prometheus replaces an inactive entry with a fresh pending one).
 *    With `for: 0` it fires in the same step.
 * 2. pending: fires once now - activeAt >= for (Prometheus uses >=, so a 5m rule sampled every
 *    minute fires on the sixth sample). A sample below the warning level, or no data, drops it
 *    silently: nothing was ever notified.
 * 3. firing: no longer active -> resolved. No data counts as not active: Prometheus resolves an alert
 *    whose series is absent from the query result, and so do we (a dead exporter must not keep paging
 *    with a stale value). Still active: a severity change emits severity_changed; otherwise after
 *    `cooldown` since the last notification it emits repeat (Prometheus' resendDelay /
 *    Alertmanager's repeat_interval, against alert fatigue).
 * 4. resolved: kept for the retention so the API can show it, then inactive
 *    (Prometheus deletes it when ts - ResolvedAt > resolvedRetention).
 */
export function step(
  prev: AlertState | undefined,
  sample: Sample,
  rule: AlertRule,
  now: number,
  options: StepOptions = {},
): StepResult {
  const value = sample.value !== null && Number.isNaN(sample.value) ? null : sample.value;
  const severity = severityOf(value, rule);
  const cooldownMs = (options.cooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS) * 1000;
  const retentionMs = (options.resolvedRetentionSeconds ?? RESOLVED_RETENTION_SECONDS) * 1000;
  const fresh = inactive(rule, value, now);

  if (prev === undefined || prev.state === 'inactive' || prev.state === 'resolved') {
    if (severity !== null) {
      const pending: AlertState = { ...fresh, state: 'pending', severity, activeAt: now };
      return rule.forSeconds <= 0 ? fire(pending, now) : { next: pending, events: [] };
    }
    if (prev?.state === 'resolved' && now - (prev.resolvedAt ?? now) <= retentionMs) {
      return { next: { ...prev, ...identity(fresh), value, updatedAt: now }, events: [] };
    }
    return { next: fresh, events: [] };
  }

  if (severity === null) {
    if (prev.state === 'pending') return { next: fresh, events: [] };
    const next: AlertState = {
      ...prev,
      ...identity(fresh),
      state: 'resolved',
      value,
      resolvedAt: now,
      updatedAt: now,
    };
    return { next, events: [{ type: 'resolved', at: now, alert: next }] };
  }

  const current: AlertState = { ...prev, ...identity(fresh), severity, value, updatedAt: now };
  if (prev.state === 'pending') {
    const activeAt = prev.activeAt ?? now;
    return now - activeAt >= rule.forSeconds * 1000 ? fire(current, now) : { next: current, events: [] };
  }
  return whileFiring(current, prev.severity, now, cooldownMs);
}

function whileFiring(
  alert: AlertState,
  before: Severity | null,
  now: number,
  cooldownMs: number,
): StepResult {
  if (before !== null && alert.severity !== before) {
    const next = { ...alert, lastSentAt: now };
    return { next, events: [{ type: 'severity_changed', at: now, alert: next, previousSeverity: before }] };
  }
  if (cooldownMs > 0 && now - (alert.lastSentAt ?? now) >= cooldownMs) {
    const next = { ...alert, lastSentAt: now };
    return { next, events: [{ type: 'repeat', at: now, alert: next }] };
  }
  return { next: alert, events: [] };
}

// A config reload may change a rule's annotations; like Prometheus (alert.Annotations = a.Annotations)
// the newest rule text wins, while timing fields stay with the episode.
function identity(fresh: AlertState): Pick<AlertState, 'name' | 'labels' | 'annotations'> {
  return { name: fresh.name, labels: fresh.labels, annotations: fresh.annotations };
}
