import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mmops } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mmops-logs-'));
const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

describe('mmops diag logs', () => {
  it('finds an error burst above the warning ratio in the log dir (MMOPS_LOG_DIR)', async () => {
    const lines = [`${at(7200)} ERROR prediction failed error_type=timeout id=old-1`];
    for (let i = 0; i < 10; i++) {
      lines.push(`${at(60 - i)} INFO batch served records=10 errors=2`);
      lines.push(`${at(60 - i)} ERROR prediction failed error_type=model_error id=r${i}a`);
      lines.push(`${at(60 - i)} ERROR prediction failed error_type=model_error id=r${i}b`);
    }
    writeFileSync(join(dir, 'app.log'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'error.log'), `${lines.filter((l) => l.includes('ERROR')).join('\n')}\n`);
    const r = await mmops(['diag', 'logs', '--since', '1h', '--json'], { MMOPS_LOG_DIR: dir });
    const out = JSON.parse(r.stdout);
    // the two-hour-old line is outside --since 1h
    expect(out.app.predictionErrors).toBe(20);
    expect(out.app.errorRatio).toBeCloseTo(0.2, 12);
    expect(out.app.errorTypes).toEqual([{ errorType: 'model_error', count: 20 }]);
    expect(out.errors.byLevel.ERROR).toBe(20);
    expect(r.code).toBe(1);

    const text = await mmops(['diag', 'logs', '--log-dir', dir, '--since', '24h']);
    expect(text.stdout).toContain('error ratio: 21.00% of 100 predictions (warning above 5.00%)');
  });

  it('a missing log or a bad --since exits 2 naming it', async () => {
    const missing = await mmops(['diag', 'logs', '--log-dir', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(join(dir, 'nope', 'app.log'));
    const since = await mmops(['diag', 'logs', '--log-dir', dir, '--since', 'yesterday']);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since yesterday');
  });
});
