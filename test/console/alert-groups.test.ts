/** Pure cores of the alert loop on fixtures: grouping, the list's table, the route's group_by, acks, runs. */
import { describe, expect, it } from 'vitest';
import { ackNote, ackText } from '../../src/console/data/ack-note.js';
import { groupAlerts, groupingChoices, listTable } from '../../src/console/data/alert-groups.js';
import { runEvents } from '../../src/console/data/alert-history.js';
import { routeGrouping } from '../../src/console/data/route-group-by.js';
import { toAlertsModel } from '../../src/console/panels/alerts.js';
import type { AmAlert } from '../../src/sources/index.js';

const NOW = Date.parse('2026-12-05T12:00:00Z');
const am = (labels: Record<string, string>, extra: Partial<AmAlert> = {}): AmAlert => ({
  labels,
  annotations: { summary: labels.alertname ?? '' },
  fingerprint: `fp-${Object.values(labels).join('-')}`,
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
  startsAt: NOW - 60_000,
  ...extra,
});
const drift = ['close', 'volume', 'spread', 'price', 'open', 'high', 'low', 'vwap', 'qty', 'side', 'mid'].map(
  (feature) => am({ alertname: 'ModelDrift', severity: 'warning', feature }),
);
const model = toAlertsModel({
  prometheus: null,
  alertmanager: [
    am({ alertname: 'HighErrorRatio', severity: 'critical', job: 'mm' }),
    ...drift,
    am(
      { alertname: 'DiskFilling', severity: 'warning', job: 'mm' },
      { silencedBy: ['s1'], startsAt: NOW - 30_000 },
    ),
  ],
  engine: null,
  now: NOW,
});

describe('groupAlerts', () => {
  const by = ['alertname', 'severity'];
  it("a drift fault's eleven ModelDrift rows are one closed group; single alerts stay rows", () => {
    const rows = groupAlerts(model.alerts, by, new Set());
    expect(rows.map((r) => (r.group ? `${r.name} x${r.group.alerts.length}` : r.name))).toEqual([
      'HighErrorRatio',
      'ModelDrift x11',
      'DiskFilling',
    ]);
    expect(rows[1]?.group?.worst).toBe('warning');
  });
  it('an open group lists its alerts under it, indented, with the ack in the summary', () => {
    const rows = groupAlerts(model.alerts, by, new Set(['group:alertname=ModelDrift,severity=warning']));
    expect(rows).toHaveLength(14);
    const acks = new Map([[rows[2]!.key, 'acked by alice@host 4m ago']]);
    const t = listTable(rows, model, acks, NOW);
    expect(t.rows[1]).toMatchObject({ state: '▾ 11', alert: 'ModelDrift', labels: 'severity=warning' });
    expect(t.rows[1]?.summary).toMatch(/^11 alerts: 11 firing/);
    expect(t.rows[2]).toMatchObject({ state: 'acked', alert: '  ModelDrift' });
    expect(t.rows[2]?.summary).toMatch(/^acked by alice@host 4m ago · ModelDrift/);
    expect(t.rows[13]?.alert).toBe('DiskFilling'); // after the group: not indented
  });
  it('no labels is the flat list; the choices cycle the route, each label, none', () => {
    expect(groupAlerts(model.alerts, [], new Set())).toHaveLength(13);
    const choices = groupingChoices({ by, from: 'route' }, model.alerts).map((g) => g.by.join(','));
    expect(choices).toEqual(['alertname,severity', 'alertname', 'severity', 'job', 'feature', '']);
  });
});

describe('routeGrouping', () => {
  it("reads the top route's group_by; [...] is every alert alone; none is null", () => {
    expect(routeGrouping('route: {receiver: x, group_by: [alertname, job]}', 'am')).toEqual({
      by: ['alertname', 'job'],
      from: 'am',
    });
    expect(routeGrouping("route: {receiver: x, group_by: ['...']}", 'am')?.by).toEqual([]);
    expect(routeGrouping('route: {receiver: x}', 'am')).toBeNull();
    expect(() => routeGrouping('route: {group_by: [1]}', 'alertmanager.yml')).toThrow(
      /alertmanager.yml: route.group_by must be a list of label names/,
    );
  });
});

describe('ackNote', () => {
  const row = (id: string, ack: boolean, state: 'active' | 'expired' = 'active') => ({
    id,
    matchers: [],
    startsAt: NOW - 4 * 60_000,
    endsAt: NOW + 60_000,
    createdBy: 'alice@host',
    comment: ack ? 'ACK! on it' : 'maintenance',
    state,
    ack,
    target: 'alertmanager' as const,
  });
  const disk = model.alerts.find((a) => a.name === 'DiskFilling')!;
  it('is the active ack silence muting the alert, said as "acked by alice@host 4m ago"', () => {
    const n = ackNote(disk, [row('s1', true)]);
    expect(n && ackText(n, NOW)).toBe('acked by alice@host 4m ago');
    expect(n?.comment).toBe('on it');
  });
  it('is null for a plain silence, an expired ack, or an ack of another alert', () => {
    expect(ackNote(disk, [row('s1', false)])).toBeNull();
    expect(ackNote(disk, [row('s1', true, 'expired')])).toBeNull();
    expect(ackNote(disk, [row('s2', true)])).toBeNull();
  });
});

describe('runEvents', () => {
  const entry = (runId: string, startedAt: string, labels: Record<string, string>, resumedFrom?: string) => ({
    runId,
    runbook: { id: 'high-latency' },
    startedAt,
    status: 'FAIL',
    labels,
    ...(resumedFrom ? { resumedFrom } : {}),
  });
  it('lists the runs started from an alert within the range, with the run each resumes', () => {
    const ev = runEvents(
      [
        entry('r1', '2026-12-05T11:50:00Z', { alertname: 'HighPredictionLatency' }),
        entry('r2', '2026-12-05T11:55:00Z', { alertname: 'HighPredictionLatency' }, 'r1'),
        entry('r3', '2026-12-05T11:56:00Z', {}), // a routine run: no alert
        entry('r0', '2026-12-04T11:56:00Z', { alertname: 'HighPredictionLatency' }), // before the range
      ],
      NOW - 3600_000,
      NOW,
    );
    expect(ev.map((e) => e.detail)).toEqual(['high-latency FAIL (r1)', 'high-latency FAIL (r2, resumes r1)']);
    expect(ev[0]).toMatchObject({ source: 'journal', name: 'HighPredictionLatency', event: 'runbook run' });
  });
});
