import { describe, expect, it } from 'vitest';
import {
  type AggregationRule,
  aggregateCounts,
  alertKey,
  burstAlertName,
  burstInputs,
  evaluate,
  groupNotices,
  type LabeledEvent,
} from '../../src/alerting/index.js';
import { MIN, T0 } from './helpers/alerts.js';

const rule: AggregationRule = {
  name: 'prediction_errors',
  window: '5m',
  threshold: 10,
  group_by: ['error_type'],
};
const errors = (n: number, errorType: string, at: (i: number) => number): LabeledEvent[] =>
  Array.from({ length: n }, (_, i) => ({ ts: at(i), labels: { error_type: errorType, model: 'm1' } }));
const now = T0 + 10 * MIN;

describe('aggregateCounts', () => {
  it('9 errors in 5m raise nothing', () => {
    expect(
      aggregateCounts(
        errors(9, 'timeout', (i) => now - i * 1000),
        rule,
        now,
      ),
    ).toEqual([]);
  });

  it('10 errors in 5m raise one grouped alert per error_type', () => {
    const events = [
      ...errors(10, 'timeout', (i) => now - i * 1000),
      ...errors(12, 'bad_input', (i) => now - i * 2000),
      ...errors(3, 'oom', (i) => now - i * 1000),
    ];
    expect(aggregateCounts(events, rule, now)).toEqual([
      {
        name: 'PredictionErrorBurst',
        aggregation: 'prediction_errors',
        labels: { error_type: 'bad_input' },
        count: 12,
        threshold: 10,
        windowSeconds: 300,
      },
      {
        name: 'PredictionErrorBurst',
        aggregation: 'prediction_errors',
        labels: { error_type: 'timeout' },
        count: 10,
        threshold: 10,
        windowSeconds: 300,
      },
    ]);
  });

  it('old events slide out of the window: (now - 5m, now]', () => {
    const events = [
      ...errors(9, 'timeout', () => now - 60_000),
      { ts: now - 5 * MIN + 1, labels: { error_type: 'timeout' } },
    ];
    expect(aggregateCounts(events, rule, now)).toHaveLength(1);
    expect(aggregateCounts(events, rule, now + 1)).toEqual([]);
    const atEdge = [
      ...errors(9, 'timeout', () => now),
      { ts: now - 5 * MIN, labels: { error_type: 'timeout' } },
    ];
    expect(aggregateCounts(atEdge, rule, now)).toEqual([]);
  });

  it('does not count future events, and groups a missing label as empty', () => {
    expect(
      aggregateCounts(
        errors(10, 'timeout', () => now + 1),
        rule,
        now,
      ),
    ).toEqual([]);
    const unlabeled = Array.from({ length: 10 }, () => ({ ts: now, labels: {} }));
    expect(aggregateCounts(unlabeled, rule, now)[0]?.labels).toEqual({ error_type: '' });
  });

  it('names bursts', () => {
    expect(burstAlertName('prediction_errors')).toBe('PredictionErrorBurst');
    expect(burstAlertName('ingest-rejects')).toBe('IngestRejectsBurst');
  });

  it('feeds the state machine: fires once per group, then resolves when the burst slides out', () => {
    const events = errors(10, 'timeout', (i) => now - i * 1000);
    const first = evaluate(new Map(), burstInputs(aggregateCounts(events, rule, now)), now);
    const key = alertKey('PredictionErrorBurst', { error_type: 'timeout' });
    expect(first.events.map((e) => e.type)).toEqual(['firing']);
    expect(first.states.get(key)).toMatchObject({ severity: 'warning', value: 10 });
    expect(first.states.get(key)?.annotations).toMatchObject({
      runbook: 'high-error-rate',
      summary: 'Burst of prediction errors (error_type=timeout)',
    });
    const [notice] = groupNotices(first.events);
    expect(notice?.alerts).toHaveLength(1);

    const same = evaluate(first.states, burstInputs(aggregateCounts(events, rule, now + MIN)), now + MIN);
    expect(same.events).toEqual([]);
    const later = now + 6 * MIN;
    const gone = evaluate(same.states, burstInputs(aggregateCounts(events, rule, later)), later);
    expect(gone.events.map((e) => e.type)).toEqual(['resolved']);
  });
});
