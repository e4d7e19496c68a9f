import { describe, expect, it } from 'vitest';
import {
  type AlertEvent,
  evaluate,
  formatNoticeText,
  groupNotices,
  type RuleInput,
} from '../../src/alerting/index.js';
import { latencyRule, MIN, T0 } from './helpers/alerts.js';

const rules = ['A', 'B', 'C', 'D'].map((name) =>
  latencyRule({ name, summary: `${name} is bad`, forSeconds: 0 }),
);
const inputs = (values: number[]): RuleInput[] =>
  rules.map((rule, i) => ({ rule, value: values[i] ?? null }));

function eventsOf(...steps: number[][]): AlertEvent[] {
  let states = new Map();
  let events: AlertEvent[] = [];
  steps.forEach((values, i) => {
    const out = evaluate(states, inputs(values), T0 + i * MIN);
    states = out.states;
    events = out.events;
  });
  return events;
}

describe('groupNotices', () => {
  it('batches a burst into one notice per severity, critical first', () => {
    const notices = groupNotices(eventsOf([0.3, 0.2, 0.5, 0.2]));
    expect(notices.map((n) => [n.severity, n.status, n.alerts.map((a) => a.name)])).toEqual([
      ['critical', 'firing', ['A', 'C']],
      ['warning', 'firing', ['B', 'D']],
    ]);
    expect(notices[0]?.summary).toBe('2 critical alerts: 2 firing: A, C');
    expect(notices[0]?.at).toBe(T0);
  });

  it('describes a single alert in the summary', () => {
    const [n] = groupNotices(eventsOf([0.3, 0, 0, 0]));
    expect(n?.summary).toBe('A firing (critical): A is bad');
  });

  it('mixes firing and resolved of one severity; status is firing while any fires', () => {
    const notices = groupNotices(eventsOf([0.2, 0.2, 0, 0], [0.01, 0.2, 0.2, 0]));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.status).toBe('firing');
    expect(notices[0]?.alerts.map((a) => `${a.name}:${a.status}:${a.event}`)).toEqual([
      'A:resolved:resolved',
      'C:firing:firing',
    ]);
    expect(notices[0]?.summary).toBe('2 warning alerts: 1 firing, 1 resolved: A, C');
  });

  it('drops resolved alerts when send_resolved is false', () => {
    const events = eventsOf([0.2, 0, 0, 0], [0.01, 0, 0, 0]);
    expect(groupNotices(events)[0]?.status).toBe('resolved');
    expect(groupNotices(events, { sendResolved: false })).toEqual([]);
  });

  it('returns nothing for no events', () => {
    expect(groupNotices([])).toEqual([]);
  });

  it('renders a text body with every alert field', () => {
    const [n] = groupNotices(eventsOf([0.2, 0, 0, 0], [0.3, 0, 0, 0]));
    const text = formatNoticeText(n!);
    expect(text).toContain('A [critical] FIRING (severity warning -> critical)');
    expect(text).toContain('value:    0.3');
    expect(text).toContain(`since:    ${new Date(T0).toISOString()}`);
    expect(text).toContain('labels:   -');
    expect(text).toContain('runbook:  high-latency (runbooks/high-latency.md');
  });
});
