import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';
import { type HttpEngine, sleep, startHttpEngine, waitFor } from './helpers/http-engine.js';

// The real loop: the real clock, the default fetch poster and a real HTTP server standing in for the engine.
let engine: HttpEngine;
let logDir: string;
let sim: Simulator | undefined;

beforeEach(async () => {
  engine = await startHttpEngine();
  logDir = mkdtempSync(join(tmpdir(), 'mmops-sim-http-'));
});
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
  await engine.close();
  rmSync(logDir, { recursive: true, force: true });
});

function start(opts: Partial<SimulatorOptions> = {}): Simulator {
  sim = createSimulator({ engineUrl: engine.url, seed: 11, logDir, actualDelayMs: [300, 600], ...opts });
  sim.start();
  return sim;
}

const lines = (file: string) => readFileSync(join(logDir, file), 'utf8').trimEnd().split('\n');

describe('simulator against a real HTTP engine', () => {
  it('posts NDJSON batches at about the requested rate, then actuals keyed by ids the engine saw', async () => {
    const s = start({ rate: 40 });
    await sleep(2000);
    const atTwo = engine.records.length;
    expect(atTwo).toBeGreaterThan(55); // 80 expected; the margin absorbs a slow CI runner
    expect(atTwo).toBeLessThan(100);
    const posts = engine.requests.filter((r) => r.path === '/api/v1/predictions');
    expect(posts.every((r) => r.method === 'POST' && r.contentType === 'application/x-ndjson')).toBe(true);
    expect(posts.length).toBeGreaterThan(5); // batched every 250 ms, not one post per record
    expect(posts.length).toBeLessThan(atTwo);
    expect(await waitFor(() => engine.actuals.length > 40, 3000)).toBe(true);
    const seen = new Map(engine.records.map((r) => [r.id, r]));
    for (const a of engine.actuals) {
      const r = seen.get(a.id);
      expect(r).toBeDefined();
      expect(a.receivedAt - r!.receivedAt).toBeGreaterThanOrEqual(250);
      expect(['buy', 'sell', 'hold']).toContain(a.actual);
    }
    expect(engine.requests.filter((r) => r.path === '/api/v1/actuals')[0]?.contentType).toBe(
      'application/json',
    );
    expect(s.stats().acked).toBe(engine.records.length);
  });

  it('switching a fault on mid-run changes the records that follow', async () => {
    const s = start({ rate: 40 });
    await sleep(1000);
    const switchedAt = Date.now();
    s.setFault('latency', true);
    await sleep(1200);
    // A record's ts is spread over the tick that made it: one interval (250 ms) of margin each side.
    const before = engine.records.filter((r) => Date.parse(r.ts) < switchedAt - 300);
    const after = engine.records.filter((r) => Date.parse(r.ts) > switchedAt + 300 && !r.error);
    expect(before.length).toBeGreaterThan(20);
    expect(after.length).toBeGreaterThan(10);
    expect(Math.max(...before.map((r) => r.latency_seconds))).toBeLessThan(0.25 * 4); // timeouts aside
    expect(before.filter((r) => r.latency_seconds > 0.25 && r.error !== 'timeout')).toHaveLength(0);
    expect(after.every((r) => r.latency_seconds > 0.1)).toBe(true);
    expect(s.faults().latency).toBe(true);
  });

  it('survives the engine answering 503 for a while: nothing crashes, the records are retried and arrive', async () => {
    // Down until the test says so, not for a time: a loaded runner once took longer than the outage to
    // reach the first check, and found the buffer already delivered.
    let unavailable = true;
    engine.status = () => (unavailable ? 503 : 200);
    const s = start({ rate: 40, retryBaseMs: 50, retryMaxMs: 300 });
    await waitFor(() => s.stats().failedPosts > 1 && s.stats().buffered > 20, 10_000);
    expect(engine.records).toHaveLength(0);
    expect(s.stats().failedPosts).toBeGreaterThan(1);
    expect(s.stats().buffered).toBeGreaterThan(20);
    unavailable = false;
    // back up: the buffer drains and new records follow it
    const bufferedAtRecovery = s.stats().generated;
    await waitFor(() => engine.records.length > bufferedAtRecovery, 10_000);
    await s.stop();
    sim = undefined;
    const st = s.stats();
    expect(st).toMatchObject({ dropped: 0, rejected: 0 });
    expect(engine.records.length + st.buffered).toBe(st.generated);
    const seqs = engine.records.map((r) => Number(r.id.split('-').at(-1)));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // every record once, in order
    expect(engine.requests.some((r) => r.status === 503)).toBe(true);
    const app = lines('app.log');
    expect(
      app.some((l) => l.includes('WARN engine post failed, will retry path=/api/v1/predictions status=503')),
    ).toBe(true);
    expect(app.some((l) => l.includes('INFO engine reachable again'))).toBe(true);
  });

  it('keeps going when nothing listens at all, and delivers once an engine appears on that port', async () => {
    const url = engine.url;
    await engine.close();
    const s = start({ rate: 40, retryBaseMs: 50, retryMaxMs: 200, engineUrl: url });
    await sleep(800);
    expect(s.stats().failedPosts).toBeGreaterThan(0);
    expect(s.stats().acked).toBe(0);
    expect(lines('app.log').some((l) => /WARN engine post failed, will retry .*ECONNREFUSED/.test(l))).toBe(
      true,
    );
    engine = await startHttpEngine(Number(new URL(url).port));
    expect(await waitFor(() => engine.records.length >= 32, 2000)).toBe(true);
    expect(engine.records[0]!.id).toMatch(/-1$/); // the backlog first, from the very first record
    expect(s.stats().running).toBe(true);
  });

  it('writes app.log and error.log, with an ERROR line for each failed prediction', async () => {
    const s = start({ rate: 80, faults: { errors: true } });
    await sleep(1500);
    await s.stop();
    sim = undefined;
    const errors = lines('error.log');
    const failed = engine.records.filter((r) => r.error);
    expect(failed.length).toBeGreaterThan(5);
    expect(errors.length).toBe(s.stats().failedPredictions);
    for (const r of failed)
      expect(errors.some((l) => l.includes(`error_type=${r.error} id=${r.id} `))).toBe(true);
    expect(errors.every((l) => / ERROR /.test(l))).toBe(true);
    const app = lines('app.log');
    expect(app.filter((l) => / ERROR prediction failed /.test(l))).toHaveLength(errors.length);
    expect(app.at(-1)).toMatch(/ INFO simulator stopped /);
  });
});
