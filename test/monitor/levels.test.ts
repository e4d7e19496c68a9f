import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { judge, levelBook, levelOp } from '../../src/monitor/index.js';

// The shipped defaults are the market-maker guide's tables; the book built from them is what every
// consumer judges with.
const book = levelBook(loadConfig({ env: {}, home: '/nonexistent' }).config);

describe('judge with the market-maker tables (default config)', () => {
  it.each([
    [0.05, 'ok'],
    [0.1, 'ok'], // "> 100ms": the level itself is still fine
    [0.1001, 'warning'],
    [0.25, 'warning'],
    [0.2501, 'critical'],
  ] as const)('latency %s s is %s', (v, state) => expect(book.latency.judge(v)).toBe(state));

  it.each([
    [12, 'ok'],
    [10, 'ok'],
    [9.9, 'warning'],
    [5, 'warning'],
    [4.9, 'critical'],
  ] as const)('throughput %s/s is %s', (v, state) => expect(book.throughput.judge(v)).toBe(state));

  it.each([
    [0.9, 'ok'],
    [0.85, 'ok'],
    [0.8, 'warning'],
    [0.74, 'critical'],
  ] as const)('accuracy %s is %s', (v, state) => expect(book.accuracy.judge(v)).toBe(state));

  it('covers error rate, queue, spread compliance and resources', () => {
    expect(book.errors.judge(0.06)).toBe('warning');
    expect(book.errors.judge(0.11)).toBe('critical');
    expect(book.queue.judge(0.71)).toBe('warning');
    expect(book.queue.judge(0.91)).toBe('critical');
    expect(book.spread.judge(0.85)).toBe('warning');
    expect(book.spread.judge(0.79)).toBe('critical');
    expect(book.memory.judge(0.76)).toBe('warning');
    expect(book.cpu.judge(0.96)).toBe('critical');
    expect(book.disk.judge(0.85)).toBe('warning');
  });

  it('is never ok without a value: NaN, null and undefined are unknown', () => {
    expect(book.latency.judge(Number.NaN)).toBe('unknown');
    expect(book.latency.judge(null)).toBe('unknown');
    expect(book.latency.judge(undefined)).toBe('unknown');
    expect(book.latency.judge(Number.POSITIVE_INFINITY)).toBe('critical');
  });

  it('is inclusive only where the level says so (Evidently dataset drift: share >= 0.5)', () => {
    expect(book.driftShare.judge(0.5)).toBe('critical');
    expect(book.driftShare.judge(0.25)).toBe('warning');
    expect(book.driftShare.judge(0.2)).toBe('ok');
    expect(levelOp(book.driftShare, 'critical')).toBe('>=');
    expect(levelOp(book.latency, 'critical')).toBe('>');
    expect(levelOp(book.accuracy, 'warning')).toBe('<');
    expect(judge(10, { warning: 10, critical: 20, direction: 'above', inclusive: { warning: true } })).toBe(
      'warning',
    );
  });

  it('names the keys each level comes from', () => {
    expect(book.errors.keys).toEqual({
      warning: 'thresholds.error_ratio.warning',
      critical: 'thresholds.error_ratio.critical',
    });
    expect(book.systemCpu.keys.warning).toBe('system.cpu_percent');
    expect(book.latency.forSeconds).toBe(300);
  });
});

describe('the guide variables fold into the book', () => {
  it('LATENCY_THRESHOLD below the critical latency becomes the critical level', () => {
    const b = levelBook(loadConfig({ env: { LATENCY_THRESHOLD: '200' }, home: '/nonexistent' }).config);
    expect(b.latency.critical).toBe(0.2);
    expect(b.latency.keys.critical).toBe('latency.threshold_ms');
    expect(b.latency.judge(0.21)).toBe('critical');
  });

  it('LATENCY_THRESHOLD above the critical latency leaves it alone', () => {
    const b = levelBook(loadConfig({ env: { LATENCY_THRESHOLD: '2000' }, home: '/nonexistent' }).config);
    expect(b.latency.critical).toBe(0.25);
  });
});
