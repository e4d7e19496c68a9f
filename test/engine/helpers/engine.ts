/** Test helpers: a config, a quiet host sampler, an engine on port 0 in a temp dir, and record builders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../../src/config/index.js';
import { type EngineOptions, type RunningEngine, startEngine } from '../../../src/engine/index.js';
import type { SystemSampler } from '../../../src/engine/system/index.js';
import { ROOT } from '../../helpers/run-cli.js';

const HOME = join(ROOT, 'test', 'fixtures', 'empty-home');

/** The shipped defaults (no user file, no environment), changed by `edit`. */
export function testConfig(edit: (c: Config) => void = () => undefined): Config {
  const c = structuredClone(loadConfig({ home: HOME, env: {} }).config);
  edit(c);
  return c;
}

/** A host that is always calm: the tests must not depend on how busy the CI machine is. */
export const calmSampler: SystemSampler = {
  sample: async () => ({
    cpuRatio: 0.1,
    memoryRatio: 0.2,
    diskRatio: 0.3,
    load1: 0.1,
    load5: 0.1,
    load15: 0.1,
    network: null,
    gpu: null,
    ts: Date.now(),
  }),
};

/** A temp dir removed by the returned function. */
export function tempDir(prefix = 'mmops-engine-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts an engine on 127.0.0.1, port 0, with a calm sampler and long intervals (tests call evaluateNow). */
export function startTestEngine(
  dataDir: string,
  opts: Partial<EngineOptions> & { edit?: (c: Config) => void } = {},
): Promise<RunningEngine> {
  const { edit, ...rest } = opts;
  const config =
    opts.config ??
    testConfig((c) => {
      c.intervals.monitoring_seconds = 3600;
      c.intervals.alert_check_seconds = 3600;
      edit?.(c);
    });
  return startEngine({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    sampler: calmSampler,
    log: () => undefined,
    ...rest,
    config,
  });
}

/** `n` prediction records; `shift` moves feature x (drift), ids are `${prefix}-${i}`. */
export function records(n: number, opts: { prefix?: string; shift?: number; error?: string } = {}) {
  const prefix = opts.prefix ?? 'r';
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    ts: Date.now(),
    model: 'm1',
    features: { x: ((i * 7919) % 1000) / 10 + (opts.shift ?? 0), regime: i % 3 === 0 ? 'calm' : 'volatile' },
    prediction: i % 2 === 0 ? 'up' : 'down',
    confidence: 0.9,
    latency_seconds: 0.01 + (i % 10) / 1000,
    ...(opts.error ? { error: opts.error } : {}),
  }));
}

/** A reference CSV for feature x and regime, the unshifted distribution. */
export function referenceCsv(n = 1000): string {
  const rows = records(n).map((r) => `${r.features.x},${r.features.regime}`);
  return `x,regime\n${rows.join('\n')}\n`;
}

/** POSTs (or PUTs) a body and returns status and parsed JSON. */
export async function send(
  url: string,
  body: string,
  opts: { method?: string; type?: string; token?: string } = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method: opts.method ?? 'POST',
    body,
    headers: {
      'content-type': opts.type ?? 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json };
}

/** GETs JSON. */
export async function getJson(url: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
