// A table of minutes per case, like Prometheus' TestKeepFiringFor: value -> expected state and events.
import { describe, expect, it } from 'vitest';
import {
  type AlertEventType,
  type AlertRule,
  type AlertState,
  type AlertStatus,
  type Severity,
  type StepOptions,
  severityOf,
  step,
} from '../../src/alerting/index.js';
import { latencyRule, MIN, T0 } from './helpers/alerts.js';

type Row = [
  minute: number,
  value: number | null,
  state: AlertStatus,
  severity: Severity | null,
  events?: AlertEventType[],
];

function walk(rule: AlertRule, rows: Row[], options: StepOptions = {}): AlertState | undefined {
  let state: AlertState | undefined;
  for (const [minute, value, expectedState, expectedSeverity, expectedEvents = []] of rows) {
    const { next, events } = step(state, { value }, rule, T0 + minute * MIN, options);
    const where = `minute ${minute}, value ${value}`;
    expect(next.state, where).toBe(expectedState);
    expect(next.state === 'inactive' ? null : next.severity, where).toBe(expectedSeverity);
    expect(
      events.map((e) => e.type),
      where,
    ).toEqual(expectedEvents);
    for (const e of events) expect(e.at).toBe(T0 + minute * MIN);
    state = next;
  }
  return state;
}

describe('severityOf', () => {
  it('uses strict comparisons unless inclusive, and critical beats warning', () => {
    const r = latencyRule();
    expect([0.1, 0.1001, 0.25, 0.2501, null, Number.NaN].map((v) => severityOf(v, r))).toEqual([
      null,
      'warning',
      'warning',
      'critical',
      null,
      null,
    ]);
    const below = latencyRule({
      direction: 'below',
      warning: 0.85,
      critical: 0.75,
      inclusive: { critical: true },
    });
    expect([0.9, 0.85, 0.8, 0.75, 0.1].map((v) => severityOf(v, below))).toEqual([
      null,
      null,
      'warning',
      'critical',
      'critical',
    ]);
    expect(severityOf(Number.POSITIVE_INFINITY, r)).toBe('critical');
  });
});

describe('step: the for boundary', () => {
  it('fires exactly when for has elapsed since activeAt (>=), not a sample earlier', () => {
    const end = walk(latencyRule(), [
      [0, 0.05, 'inactive', null],
      [1, 0.2, 'pending', 'warning'],
      [2, 0.2, 'pending', 'warning'],
      [5, 0.2, 'pending', 'warning'],
      [5.99, 0.2, 'pending', 'warning'],
      [6, 0.2, 'firing', 'warning', ['firing']],
      [7, 0.2, 'firing', 'warning'],
    ]);
    expect(end).toMatchObject({ activeAt: T0 + MIN, firedAt: T0 + 6 * MIN, lastSentAt: T0 + 6 * MIN });
  });

  it('for: 0 fires on the first active sample', () => {
    walk(latencyRule({ forSeconds: 0 }), [
      [0, 0.3, 'firing', 'critical', ['firing']],
      [1, 0.05, 'resolved', 'critical', ['resolved']],
    ]);
  });

  it('counts for from the warning crossing, even when it turned critical later', () => {
    walk(latencyRule(), [
      [0, 0.15, 'pending', 'warning'],
      [3, 0.3, 'pending', 'critical'],
      [5, 0.3, 'firing', 'critical', ['firing']],
    ]);
  });
});

describe('step: severity', () => {
  it('emits severity_changed on escalation and de-escalation while firing, and resolves', () => {
    const end = walk(latencyRule({ forSeconds: 120 }), [
      [0, 0.2, 'pending', 'warning'],
      [2, 0.2, 'firing', 'warning', ['firing']],
      [3, 0.3, 'firing', 'critical', ['severity_changed']],
      [4, 0.4, 'firing', 'critical'],
      [5, 0.2, 'firing', 'warning', ['severity_changed']],
      [6, 0.05, 'resolved', 'warning', ['resolved']],
    ]);
    expect(end).toMatchObject({ resolvedAt: T0 + 6 * MIN, firedAt: T0 + 2 * MIN, value: 0.05 });
  });

  it('carries the previous severity on severity_changed', () => {
    const rule = latencyRule({ forSeconds: 0 });
    const first = step(undefined, { value: 0.2 }, rule, T0).next;
    const { events } = step(first, { value: 0.9 }, rule, T0 + MIN);
    expect(events[0]).toMatchObject({ type: 'severity_changed', previousSeverity: 'warning' });
    expect(events[0]?.alert.severity).toBe('critical');
  });
});

describe('step: flapping', () => {
  it('a value that dips below the level before for elapses never fires, and each dip restarts for', () => {
    walk(latencyRule(), [
      [0, 0.2, 'pending', 'warning'],
      [4, 0.2, 'pending', 'warning'],
      [5, 0.05, 'inactive', null],
      [6, 0.2, 'pending', 'warning'],
      [10, 0.2, 'pending', 'warning'],
      [11, 0.2, 'firing', 'warning', ['firing']],
    ]);
  });

  it('a firing alert that flaps resolves, then starts a new pending episode', () => {
    const end = walk(latencyRule({ forSeconds: 120 }), [
      [0, 0.2, 'pending', 'warning'],
      [2, 0.2, 'firing', 'warning', ['firing']],
      [3, 0.05, 'resolved', 'warning', ['resolved']],
      [4, 0.2, 'pending', 'warning'],
      [6, 0.2, 'firing', 'warning', ['firing']],
    ]);
    expect(end).toMatchObject({ activeAt: T0 + 4 * MIN, resolvedAt: null });
  });
});

describe('step: repeat after cooldown', () => {
  it('re-notifies a still-firing alert every cooldown since the last notification', () => {
    walk(
      latencyRule({ forSeconds: 0 }),
      [
        [0, 0.2, 'firing', 'warning', ['firing']],
        [9, 0.2, 'firing', 'warning'],
        [10, 0.2, 'firing', 'warning', ['repeat']],
        [15, 0.3, 'firing', 'critical', ['severity_changed']],
        [24, 0.3, 'firing', 'critical'],
        [25, 0.3, 'firing', 'critical', ['repeat']],
      ],
      { cooldownSeconds: 600 },
    );
  });

  it('a cooldown of 0 disables repeats', () => {
    walk(
      latencyRule({ forSeconds: 0 }),
      [
        [0, 0.2, 'firing', 'warning', ['firing']],
        [100, 0.2, 'firing', 'warning'],
      ],
      { cooldownSeconds: 0 },
    );
  });
});

describe('step: resolved retention', () => {
  it('keeps a resolved alert for the retention (15m by default), then drops it', () => {
    const end = walk(latencyRule({ forSeconds: 0 }), [
      [0, 0.2, 'firing', 'warning', ['firing']],
      [1, 0.01, 'resolved', 'warning', ['resolved']],
      [10, 0.01, 'resolved', 'warning'],
      [16, 0.01, 'resolved', 'warning'],
      [16.01, 0.01, 'inactive', null],
    ]);
    expect(end).toMatchObject({ activeAt: null, firedAt: null, resolvedAt: null });
  });

  it('honours a custom retention', () => {
    walk(
      latencyRule({ forSeconds: 0 }),
      [
        [0, 0.2, 'firing', 'warning', ['firing']],
        [1, null, 'resolved', 'warning', ['resolved']],
        [2, null, 'resolved', 'warning'],
        [3, null, 'inactive', null],
      ],
      { resolvedRetentionSeconds: 60 },
    );
  });
});

describe('step: no data', () => {
  it('resolves a firing alert when the series is absent, as Prometheus does', () => {
    const end = walk(latencyRule({ forSeconds: 60 }), [
      [0, 0.3, 'pending', 'critical'],
      [1, 0.3, 'firing', 'critical', ['firing']],
      [2, null, 'resolved', 'critical', ['resolved']],
    ]);
    expect(end?.value).toBeNull();
  });

  it('drops a pending alert silently, and NaN is no data too', () => {
    walk(latencyRule(), [
      [0, 0.3, 'pending', 'critical'],
      [1, null, 'inactive', null],
      [2, 0.3, 'pending', 'critical'],
      [3, Number.NaN, 'inactive', null],
      [4, null, 'inactive', null],
    ]);
  });
});

describe('step: purity', () => {
  it('does not mutate the previous state and returns the same result for the same input', () => {
    const rule = latencyRule({ forSeconds: 0 });
    const prev = step(undefined, { value: 0.2 }, rule, T0).next;
    const frozen = structuredClone(prev);
    const a = step(prev, { value: 0.3 }, rule, T0 + MIN);
    const b = step(prev, { value: 0.3 }, rule, T0 + MIN);
    expect(prev).toEqual(frozen);
    expect(a).toEqual(b);
  });

  it('takes labels and annotations from the rule (a reload updates them)', () => {
    const rule = latencyRule({ forSeconds: 0, labels: { model: 'm1' } });
    const prev = step(undefined, { value: 0.2 }, rule, T0).next;
    const { next } = step(prev, { value: 0.2 }, { ...rule, summary: 'new text' }, T0 + MIN);
    expect(next.labels).toEqual({ model: 'm1' });
    expect(next.annotations).toEqual({
      summary: 'new text',
      description: rule.description,
      runbook: 'high-latency',
    });
  });
});
