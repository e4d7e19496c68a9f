/**
 * The config cache: a hit gives what loadConfig gives; a changed file, environment variable or option is a
 * miss, so env overrides always apply; bad configs are never cached; the cache file is private.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadConfigCached } from '../../src/config/index.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'mmops-config-cache-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.config', 'mmops'), { recursive: true });
  const cacheDir = join(dir, 'cache');
  const file = join(dir, 'config.yaml');
  writeFileSync(file, 'sources:\n  engine_url: http://engine-a:8000\n');
  return { dir, home, cacheDir, file };
}

describe('loadConfigCached', () => {
  it('a hit returns what loadConfig returns, from a private file', async () => {
    const s = setup();
    const opts = { configFile: s.file, home: s.home, env: {}, cacheDir: s.cacheDir };
    const miss = await loadConfigCached(opts);
    const files = readdirSync(s.cacheDir);
    expect(files).toHaveLength(1);
    expect(statSync(join(s.cacheDir, files[0]!)).mode & 0o777).toBe(0o600);
    const hit = await loadConfigCached(opts);
    const direct = loadConfig({ configFile: s.file, home: s.home, env: {} });
    expect(hit.config).toEqual(direct.config);
    expect(hit.config).toEqual(miss.config);
    expect([...hit.origins]).toEqual([...direct.origins]);
    expect(hit.files).toEqual(direct.files);
    expect(hit.config.sources.engine_url).toBe('http://engine-a:8000');
  });

  it('an environment override applies on the next start; a changed file is read again', async () => {
    const s = setup();
    const opts = { configFile: s.file, home: s.home, cacheDir: s.cacheDir };
    await loadConfigCached({ ...opts, env: {} });
    const env = await loadConfigCached({ ...opts, env: { ENGINE_URL: 'http://from-env:1' } });
    expect(env.config.sources.engine_url).toBe('http://from-env:1');
    expect(env.origins.get('sources.engine_url')).toEqual({ kind: 'env', name: 'ENGINE_URL' });
    // same size, new content and mtime
    writeFileSync(s.file, 'sources:\n  engine_url: http://engine-b:8000\n');
    utimesSync(s.file, new Date(), new Date(Date.now() + 5000));
    const changed = await loadConfigCached({ ...opts, env: {} });
    expect(changed.config.sources.engine_url).toBe('http://engine-b:8000');
    // a user file that appears is read too
    writeFileSync(
      join(s.home, '.config', 'mmops', 'config.yaml'),
      'sources:\n  prometheus_url: http://p:9\n',
    );
    const user = await loadConfigCached({ home: s.home, env: {}, cacheDir: s.cacheDir });
    expect(user.config.sources.prometheus_url).toBe('http://p:9');
  });

  it('a bad config fails every time (never cached); a warning is repeated on a hit', async () => {
    const s = setup();
    const bad = join(s.dir, 'bad.yaml');
    writeFileSync(bad, 'sources:\n  engine_url: 5\n  nonsense: 1\n');
    const opts = { configFile: bad, home: s.home, env: {}, cacheDir: s.cacheDir };
    await expect(loadConfigCached(opts)).rejects.toThrow(/nonsense/);
    await expect(loadConfigCached(opts)).rejects.toThrow(/nonsense/);
    const secret = join(s.dir, 'secret.yaml');
    writeFileSync(secret, 'engine:\n  ingest_token: abc\n');
    chmodSync(secret, 0o644);
    const warnings: string[] = [];
    const o2 = {
      configFile: secret,
      home: s.home,
      env: {},
      cacheDir: s.cacheDir,
      warn: (m: string) => warnings.push(m),
    };
    await loadConfigCached(o2);
    await loadConfigCached(o2);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/readable by others/);
  });
});
