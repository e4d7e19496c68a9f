import { describe, expect, it } from 'vitest';
import { MARKET_MAKER_LEVELS, thresholdStatus } from '../../src/monitor/status.js';

describe('thresholdStatus with the market-maker tables', () => {
  const L = MARKET_MAKER_LEVELS;

  it.each([
    [0.05, 'ok'],
    [0.1, 'ok'], // "> 100ms": the level itself is fine
    [0.1001, 'warning'],
    [0.25, 'warning'],
    [0.2501, 'critical'],
  ] as const)('latency %s s is %s', (v, state) => expect(thresholdStatus(v, L.latencySeconds)).toBe(state));

  it.each([
    [12, 'ok'],
    [10, 'ok'],
    [9.9, 'warning'],
    [5, 'warning'],
    [4.9, 'critical'],
  ] as const)('throughput %s/s is %s', (v, state) =>
    expect(thresholdStatus(v, L.throughputPerSecond)).toBe(state),
  );

  it.each([
    [0.9, 'ok'],
    [0.85, 'ok'],
    [0.8, 'warning'],
    [0.74, 'critical'],
  ] as const)('accuracy %s is %s', (v, state) => expect(thresholdStatus(v, L.accuracy)).toBe(state));

  it('covers error rate and spread compliance', () => {
    expect(thresholdStatus(0.06, L.errorRate)).toBe('warning');
    expect(thresholdStatus(0.11, L.errorRate)).toBe('critical');
    expect(thresholdStatus(0.85, L.spreadCompliance)).toBe('warning');
    expect(thresholdStatus(0.79, L.spreadCompliance)).toBe('critical');
  });

  it('treats NaN as ok, like a PromQL comparison', () => {
    expect(thresholdStatus(Number.NaN, L.latencySeconds)).toBe('ok');
  });

  it('rejects levels out of order for their direction', () => {
    expect(() => thresholdStatus(1, { warning: 0.25, critical: 0.1, direction: 'above' })).toThrow(
      RangeError,
    );
    expect(() => thresholdStatus(1, { warning: 5, critical: 10, direction: 'below' })).toThrow(RangeError);
    expect(thresholdStatus(1, { warning: 1, critical: 1, direction: 'above' })).toBe('ok');
  });
});
