import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLogLine, summariseLog } from '../../src/monitor/index.js';

const lines = readFileSync(join(import.meta.dirname, '../fixtures/logs/app.log'), 'utf8').split('\n');

describe('parseLogLine', () => {
  it('reads the simulator format', () => {
    const l = parseLogLine(lines[1]!);
    expect(l).toMatchObject({ level: 'ERROR', message: 'prediction failed' });
    expect(l.ts).toBe(Date.parse('2026-11-23T12:00:00.010Z'));
    expect(l.fields).toMatchObject({ error_type: 'timeout', id: 'sim-000001', latency_ms: '1203' });
  });

  it("reads Python logging's format as UTC", () => {
    const l = parseLogLine(
      '2026-11-23 12:00:04,120 - market_maker.server - ERROR - Database connection lost',
    );
    expect(l.level).toBe('ERROR');
    expect(l.ts).toBe(Date.parse('2026-11-23T12:00:04.120Z'));
    expect(l.message).toBe('Database connection lost');
  });

  it('unquotes JSON-quoted values and keeps unreadable lines as OTHER', () => {
    expect(parseLogLine('2026-01-01T00:00:00Z WARN x reason="socket hang up" n=1').fields.reason).toBe(
      'socket hang up',
    );
    expect(parseLogLine('    Traceback (most recent call last):').level).toBe('OTHER');
  });
});

describe('summariseLog', () => {
  it('counts levels, failed predictions by type and the error ratio', () => {
    const s = summariseLog(lines);
    expect(s.byLevel).toMatchObject({ ERROR: 5, WARN: 2, INFO: 2, OTHER: 1 });
    expect(s.records).toBe(250);
    expect(s.predictionErrors).toBe(3);
    expect(s.errorRatio).toBeCloseTo(3 / 250, 12);
    expect(s.errorTypes).toEqual([
      { errorType: 'timeout', count: 2 },
      { errorType: 'model_error', count: 1 },
    ]);
  });

  it('groups errors whose ids and numbers differ into one pattern', () => {
    const s = summariseLog(lines);
    const timeout = s.patterns.find((p) => p.pattern.includes('error_type=timeout'))!;
    expect(timeout.count).toBe(2);
    expect(timeout.firstSeen).toBe(Date.parse('2026-11-23T12:00:00.010Z'));
    expect(timeout.lastSeen).toBe(Date.parse('2026-11-23T12:00:00.020Z'));
    expect(s.patterns.map((p) => p.pattern)).toContain('Database connection lost after <n> retries');
  });

  it('only counts lines since a time', () => {
    const s = summariseLog(lines, Date.parse('2026-11-23T12:00:03Z'));
    expect(s.byLevel.ERROR).toBe(2);
    expect(s.records).toBe(50);
    expect(s.predictionErrors).toBe(0);
  });
});
