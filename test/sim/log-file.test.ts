import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLogLine } from '../../src/sim/index.js';
import { openLogFile } from '../../src/sim/log-file.js';

const T = Date.UTC(2026, 10, 23, 12);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'mmops-sim-log-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('formatLogLine', () => {
  it('writes `<ISO time> <LEVEL> <message> key=value ...`', () => {
    expect(
      formatLogLine(T, 'ERROR', 'prediction failed', { error_type: 'timeout', id: 'a-1', latency_ms: 1000 }),
    ).toBe('2026-11-23T12:00:00.000Z ERROR prediction failed error_type=timeout id=a-1 latency_ms=1000');
  });

  it('quotes values a grep or a key=value parser would split, and leaves out undefined ones', () => {
    expect(
      formatLogLine(T, 'WARN', 'multi\nline', {
        reason: 'connect ECONNREFUSED 1.2.3.4',
        q: 'a"b',
        x: undefined,
      }),
    ).toBe('2026-11-23T12:00:00.000Z WARN multi line reason="connect ECONNREFUSED 1.2.3.4" q="a\\"b"');
  });
});

describe('openLogFile', () => {
  it('appends every line to app.log and only ERROR lines to error.log, on flush', () => {
    const dir = join(tempDir(), 'nested', 'logs');
    const logs = openLogFile({ dir, now: () => T });
    logs.log('INFO', 'batch served', { records: 5 });
    logs.log('ERROR', 'prediction failed', { error_type: 'model_error' });
    logs.flush();
    logs.log('WARN', 'slow batch');
    logs.flush();
    logs.flush();
    const app = readFileSync(join(dir, 'app.log'), 'utf8').trimEnd().split('\n');
    const errors = readFileSync(join(dir, 'error.log'), 'utf8').trimEnd().split('\n');
    expect(app.map((l) => l.split(' ')[1])).toEqual(['INFO', 'ERROR', 'WARN']);
    expect(errors).toEqual([app[1]]);
  });

  it('appends to existing logs and rotates to .1 past the size cap', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'app.log'), 'old line\n');
    const logs = openLogFile({ dir, now: () => T, maxBytes: 400 });
    for (let i = 0; i < 12; i++) {
      logs.log('INFO', 'batch served', { n: i });
      logs.flush();
    }
    const current = readFileSync(join(dir, 'app.log'), 'utf8');
    const previous = readFileSync(join(dir, 'app.log.1'), 'utf8');
    expect(Buffer.byteLength(current)).toBeLessThanOrEqual(400);
    expect(current).toContain('n=11');
    expect(previous).toMatch(/n=\d+\n$/);
  });

  it('reports a write failure once and never throws', () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, '');
    const errors: Error[] = [];
    const logs = openLogFile({ dir: file, now: () => T, onError: (e) => errors.push(e) });
    logs.log('ERROR', 'x');
    expect(() => logs.flush()).not.toThrow();
    logs.log('ERROR', 'y');
    logs.flush();
    expect(errors).toHaveLength(1);
  });
});
