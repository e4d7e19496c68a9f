import { describe, expect, it } from 'vitest';
import { type FleetLevels, judgeFleet } from '../../src/monitor/index.js';

const levels: FleetLevels = {
  cpu: { warning: 0.8, critical: 0.95, direction: 'above' },
  memory: { warning: 0.75, critical: 0.9, direction: 'above' },
  disk: { warning: 0.8, critical: 0.9, direction: 'above' },
};

describe('judgeFleet', () => {
  it.each([
    // host                                        state       over (resource:state@level)
    [{ cpu: 0.1, memory: 0.2, disk: 0.3 }, 'ok', []],
    [{ cpu: 0.8, memory: 0.75, disk: 0.8 }, 'ok', []], // on a level is still the better state
    [{ cpu: 0.81, memory: 0.2, disk: 0.3 }, 'warning', ['cpu:warning@0.8']],
    [{ cpu: 0.5, memory: 0.91, disk: 0.85 }, 'critical', ['memory:critical@0.9', 'disk:warning@0.8']],
    [{ cpu: null, memory: null, disk: 0.95 }, 'critical', ['disk:critical@0.9']],
    [{ cpu: null, memory: null, disk: null }, 'unknown', []],
    [{ cpu: Number.NaN, memory: null, disk: null }, 'unknown', []],
  ] as const)('%o -> %s %o', (use, state, over) => {
    const [v] = judgeFleet([{ host: 'h:9100', ...use }], levels);
    expect(v?.state).toBe(state);
    expect(v?.over.map((o) => `${o.resource}:${o.state}@${o.level}`)).toEqual(over);
    expect(v).toMatchObject({ host: 'h:9100', ...use });
  });

  it('keeps the hosts in the order given, each judged on its own', () => {
    const out = judgeFleet(
      [
        { host: 'a', cpu: 0.1, memory: 0.95, disk: 0.1 },
        { host: 'b', cpu: 0.1, memory: 0.1, disk: 0.1 },
      ],
      levels,
    );
    expect(out.map((h) => [h.host, h.state])).toEqual([
      ['a', 'critical'],
      ['b', 'ok'],
    ]);
  });
});
