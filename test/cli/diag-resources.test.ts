import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mmops } from '../helpers/run-cli.js';

describe('mmops diag resources', () => {
  it('reports this host against the threshold table, with mmops directories sized like du', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mmops-res-'));
    const logs = join(home, 'logs');
    mkdirSync(logs);
    writeFileSync(join(logs, 'app.log'), 'x'.repeat(64 * 1024));
    const r = await mmops(['diag', 'resources', '--json', '--top', '3'], { HOME: home, MMOPS_LOG_DIR: logs });
    const out = JSON.parse(r.stdout);
    expect(out.cpu.cores).toBeGreaterThanOrEqual(1);
    expect(out.memory.ratio).toBeGreaterThan(0);
    expect(out.memory.ratio).toBeLessThanOrEqual(1);
    expect(out.filesystems.some((f: { mount: string }) => f.mount === '/')).toBe(true);
    expect(out.directories.logs.bytes).toBeGreaterThanOrEqual(64 * 1024);
    expect(out.directories.data.bytes).toBeUndefined(); // absent: no engine has run in this HOME
    expect(out.topByMemory).toHaveLength(3);
    expect(out.topByMemory[0].rssBytes).toBeGreaterThanOrEqual(out.topByMemory[2].rssBytes);
    // the exit code follows the resource states: 1 exactly when one is at warning or worse
    const bad = Object.values(out.health.resources).some((s) => s === 'warning' || s === 'critical');
    expect(r.code).toBe(bad ? 1 : 0);
  });
});
