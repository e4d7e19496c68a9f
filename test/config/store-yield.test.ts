/**
 * storage.yield_lag_seconds against storage.lag_seconds.warning: the store may defer to ingest only while it
 * is less behind than StoreLagging warns about. A budget at or above the warning is a config error naming
 * both keys and where each came from (exit 2); 0 turns deferring off; a negative budget is refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { mmops } from '../helpers/run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'mmops-home-'));
const dir = mkdtempSync(join(tmpdir(), 'mmops-cfg-'));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const load = (configFile?: string) => loadConfig({ env: {}, home, ...(configFile ? { configFile } : {}) });
const errorOf = (configFile: string): ConfigError => {
  try {
    load(configFile);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`${configFile}: expected a ConfigError`);
};

describe('storage.yield_lag_seconds', () => {
  it('defaults to 10 s, below the 60 s StoreLagging warning; 0 is allowed', () => {
    expect(load().config.storage.yield_lag_seconds).toBe(10);
    expect(load().config.storage.lag_seconds.warning).toBe(60);
    const off = file(
      'off.yaml',
      'storage:\n  yield_lag_seconds: 0\n  lag_seconds: { warning: 5, critical: 9, direction: above, for: 1m }\n',
    );
    expect(load(off).config.storage.yield_lag_seconds).toBe(0);
  });

  it('at or above lag_seconds.warning is an error naming both keys, their origins and the way out', () => {
    const equal = file('equal.yaml', 'storage:\n  yield_lag_seconds: 60\n');
    const e = errorOf(equal);
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(
      new RegExp(
        `storage\\.yield_lag_seconds = 60 \\(from ${equal}:2\\) must be below storage\\.lag_seconds\\.warning = 60 \\(from .*default\\.yaml:\\d+\\)`,
      ),
    );
    expect(e.message).toContain('0 turns deferring off');
    // a warning lowered under the default budget is caught the same way, from the other key's side
    const lowered = file(
      'lowered.yaml',
      'storage:\n  lag_seconds: { warning: 8, critical: 30, direction: above, for: 1m }\n',
    );
    expect(errorOf(lowered).message).toMatch(
      new RegExp(
        `storage\\.yield_lag_seconds = 10 \\(from .*default\\.yaml:\\d+\\) must be below storage\\.lag_seconds\\.warning = 8 \\(from ${lowered}:2\\)`,
      ),
    );
  });

  it('negative is refused with what is allowed', () => {
    const negative = file('negative.yaml', 'storage:\n  yield_lag_seconds: -1\n');
    expect(errorOf(negative).message).toContain(
      `storage.yield_lag_seconds = -1 (from ${negative}:2): allowed: a number of seconds >= 0`,
    );
  });

  it('stops the engine from starting, exit 2, with the message', async () => {
    const bad = file('cli.yaml', 'storage:\n  yield_lag_seconds: 90\n');
    const r = await mmops(['--config', bad, 'engine', '--port', '0', '--data-dir', join(dir, 'data')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config: storage.yield_lag_seconds = 90');
    expect(r.stderr).toContain('must be below storage.lag_seconds.warning = 60');
  });
});
