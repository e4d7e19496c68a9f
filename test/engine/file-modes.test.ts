/** The engine's files are private (issue 17, defect 13): data dir and event log 0700, segments and the alert
 * history 0600, whatever the umask. A real engine, a real alert, real files. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { records, send, startTestEngine, tempDir } from './helpers/engine.js';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('engine file modes', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it('creates the data dir and events/ 0700, segments and the alert history 0600', async () => {
    const previous = process.umask(0o022); // the usual umask, under which files came out 0644 in 0755 dirs
    try {
      const dataDir = join(tmp.dir, 'nested', 'data');
      const engine = await startTestEngine(dataDir, {
        edit: (c) => void (c.thresholds.error_ratio.for = '0s'),
      });
      const failed = records(30, { error: 'timeout' });
      expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(failed))).status).toBe(200);
      await engine.evaluateNow();
      await engine.checkAlertsNow();
      expect(engine.alerts().some((a) => a.state === 'firing')).toBe(true);
      await engine.close();
      expect(mode(dataDir)).toBe('700');
      expect(mode(join(tmp.dir, 'nested'))).toBe('700');
      expect(mode(join(dataDir, 'events'))).toBe('700');
      const segments = readdirSync(join(dataDir, 'events'));
      expect(segments.length).toBeGreaterThan(0);
      for (const s of segments) expect(mode(join(dataDir, 'events', s)), s).toBe('600');
      expect(mode(join(dataDir, 'alert-history.ndjson'))).toBe('600');
    } finally {
      process.umask(previous);
    }
  });
});
