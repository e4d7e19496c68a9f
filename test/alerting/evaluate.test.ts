import { describe, expect, it } from 'vitest';
import {
  type AlertState,
  alertKey,
  evaluate,
  inputsFromValues,
  stepOptionsFromConfig,
} from '../../src/alerting/index.js';
import { loadConfig } from '../../src/config/index.js';
import { latencyRule, MIN, T0 } from './helpers/alerts.js';

describe('evaluate', () => {
  const latency = latencyRule({ forSeconds: 60 });
  const errors = latencyRule({
    name: 'HighErrorRatio',
    metric: 'prediction_error_ratio',
    warning: 0.05,
    critical: 0.1,
    forSeconds: 0,
  });

  it('reads each rule value by metric key; missing, NaN and non-numbers are no data', () => {
    const inputs = inputsFromValues([latency, errors], {
      prediction_latency_p95_seconds: 0.2,
      prediction_error_ratio: Number.NaN,
    });
    expect(inputs.map((i) => i.value)).toEqual([0.2, null]);
    expect(inputsFromValues([latency], {})[0]?.value).toBeNull();
  });

  it('steps every rule, keeps only live alerts, and reports events and transitions', () => {
    const values = { prediction_latency_p95_seconds: 0.2, prediction_error_ratio: 0.5 };
    const first = evaluate(new Map(), inputsFromValues([latency, errors], values), T0);
    expect([...first.states.keys()]).toEqual(['HighPredictionLatency', 'HighErrorRatio']);
    expect(first.events.map((e) => `${e.alert.name}:${e.type}`)).toEqual(['HighErrorRatio:firing']);
    expect(first.transitions.map((t) => `${t.name}:${t.from}->${t.to}`)).toEqual([
      'HighPredictionLatency:inactive->pending',
      'HighErrorRatio:inactive->firing',
    ]);

    const second = evaluate(
      first.states,
      inputsFromValues([latency, errors], { prediction_latency_p95_seconds: 0.01 }),
      T0 + MIN,
    );
    expect(second.states.get('HighPredictionLatency')).toBeUndefined();
    expect(second.states.get('HighErrorRatio')?.state).toBe('resolved');
    expect(second.events.map((e) => `${e.alert.name}:${e.type}`)).toEqual(['HighErrorRatio:resolved']);
    expect(second.transitions.map((t) => `${t.name}:${t.from}->${t.to}`)).toEqual([
      'HighPredictionLatency:pending->inactive',
      'HighErrorRatio:firing->resolved',
    ]);
  });

  it('resolves an alert whose rule has no input any more (a group that went quiet)', () => {
    const burst = latencyRule({
      name: 'PredictionErrorBurst',
      labels: { error_type: 'timeout' },
      forSeconds: 0,
    });
    const first = evaluate(new Map(), [{ rule: burst, value: 1 }], T0);
    const key = alertKey('PredictionErrorBurst', { error_type: 'timeout' });
    expect(first.states.get(key)?.state).toBe('firing');
    const second = evaluate(first.states, [], T0 + MIN);
    expect(second.states.get(key)).toMatchObject({
      state: 'resolved',
      value: null,
      labels: { error_type: 'timeout' },
    });
    expect(second.events[0]?.alert.annotations.runbook).toBe('high-latency');
    const later = evaluate(second.states, [], T0 + 20 * MIN);
    expect(later.states.size).toBe(0);
    expect(later.transitions).toEqual([]);
  });

  it('records severity changes while firing in the history', () => {
    const rule = latencyRule({ forSeconds: 0 });
    const a = evaluate(new Map(), [{ rule, value: 0.2 }], T0);
    const b = evaluate(a.states, [{ rule, value: 0.3 }], T0 + MIN);
    expect(b.transitions).toEqual([
      {
        ts: T0 + MIN,
        name: 'HighPredictionLatency',
        labels: {},
        severity: 'critical',
        previousSeverity: 'warning',
        from: 'firing',
        to: 'firing',
        value: 0.3,
      },
    ]);
  });

  it('rejects two rules with the same name and labels', () => {
    expect(() =>
      evaluate(
        new Map<string, AlertState>(),
        [
          { rule: latency, value: 1 },
          { rule: latency, value: 2 },
        ],
        T0,
      ),
    ).toThrow(/duplicate alert HighPredictionLatency/);
  });

  it('formats alert keys like Prometheus label sets, sorted', () => {
    expect(alertKey('A', { b: '2', a: 'x"y' })).toBe('A{a="x\\"y",b="2"}');
  });

  it('takes the repeat interval from alerting.cooldown', () => {
    const { config } = loadConfig({ env: { MMOPS_UNUSED: '1' }, home: '/nonexistent-home' });
    expect(stepOptionsFromConfig(config)).toEqual({ cooldownSeconds: 1800 });
  });
});
