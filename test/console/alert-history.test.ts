/** alert-history.ts on fixtures: ALERTS samples back into transitions, and the merge of every source. */
import { describe, expect, it } from 'vitest';
import {
  engineEvents,
  mergeHistory,
  promTransitions,
  silenceEvents,
} from '../../src/console/data/alert-history.js';

const L = { alertname: 'HighErrorRatio', severity: 'warning' };
const series = (state: string, ts: number[]) => ({
  labels: { __name__: 'ALERTS', ...L, alertstate: state },
  points: ts.map((t) => [t, 1] as [number, number]),
});

describe('promTransitions', () => {
  it('pending, firing, a gap (resolved), then pending again', () => {
    const events = promTransitions(
      [series('pending', [100, 110, 200]), series('firing', [120, 130, 140])],
      [],
      10,
    );
    expect(events.map((e) => [e.at / 1000, e.event])).toEqual([
      [100, 'pending'],
      [120, 'firing'],
      [150, 'resolved'],
      [200, 'pending'],
    ]);
  });

  it('takes activeAt from ALERTS_FOR_STATE, and reports a pending the samples missed', () => {
    const forState = [
      { labels: { __name__: 'ALERTS_FOR_STATE', ...L }, points: [[120, 113.5] as [number, number]] },
    ];
    const events = promTransitions([series('firing', [120, 130])], forState, 10);
    expect(events.map((e) => [e.at / 1000, e.event, e.detail])).toEqual([
      [113.5, 'pending', 'ALERTS_FOR_STATE'],
      [120, 'firing', 'ALERTS'],
    ]);
  });
});

describe('engineEvents', () => {
  it('shows a value to 4 significant digits, not as the float it was computed', () => {
    const [e] = engineEvents([
      { ts: 1, name: 'HighCpuUtilization', from: 'inactive', to: 'pending', value: 0.3450099999999999 },
    ]);
    expect(e!.detail).toBe('inactive -> pending value 0.345');
    expect(engineEvents([{ ts: 1, name: 'X', from: 'a', to: 'b', value: 1234.5678 }])[0]!.detail).toBe(
      'a -> b value 1235',
    );
  });
});

describe('mergeHistory', () => {
  it('orders engine changes and silences in the window, oldest first', () => {
    const engine = engineEvents([
      { ts: 5000, name: 'DataDriftDetected', from: 'pending', to: 'firing', severity: 'warning' },
    ]);
    const sil = silenceEvents(
      [
        {
          id: 's1',
          matchers: [{ name: 'alertname', value: 'DataDriftDetected', isRegex: false, isEqual: true }],
          startsAt: 6000,
          endsAt: 99_000,
          createdBy: 'a@b',
          comment: 'ACK! on it',
          state: 'active',
          ack: true,
          target: 'engine',
        },
      ],
      0,
      10_000,
    );
    const all = mergeHistory([engine, sil], 0, 10_000);
    expect(all.map((e) => [e.at, e.source, e.event, e.detail])).toEqual([
      [5000, 'engine', 'firing', 'pending -> firing warning'],
      [6000, 'engine', 'acked', 'a@b: ACK! on it (s1)'],
    ]);
  });
});
