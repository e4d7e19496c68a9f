import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, createSimulator, type SimulatorOptions } from '../../src/sim/index.js';
import { fakeEngine, runFor } from './helpers/fake-engine.js';

const START = Date.UTC(2026, 10, 23, 12);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(opts: Partial<SimulatorOptions> = {}, answer?: Parameters<typeof fakeEngine>[0]) {
  const clock = createManualClock(START);
  const engine = fakeEngine(answer);
  const logDir = mkdtempSync(join(tmpdir(), 'mmops-sim-'));
  dirs.push(logDir);
  const sim = createSimulator({
    engineUrl: 'http://127.0.0.1:8000/',
    seed: 1,
    clock,
    post: engine.post,
    logDir,
    actualDelayMs: 3000,
    actualLossRatio: 0,
    retryBaseMs: 200,
    retryMaxMs: 1000,
    ...opts,
  });
  const lines = (file: 'app.log' | 'error.log') =>
    readFileSync(join(logDir, file), 'utf8').trimEnd().split('\n').filter(Boolean);
  return { clock, sim, got: engine.got, lines };
}

describe('createSimulator (manual clock, fake engine)', () => {
  it('serves exactly `rate` records a second, in NDJSON batches, each tick', async () => {
    const { clock, sim, got } = setup({ rate: 14 });
    sim.start();
    await runFor(clock, 10_000);
    await sim.stop();
    expect(sim.stats().generated).toBe(140);
    expect(got.records).toHaveLength(140);
    expect(got.contentTypes).toContain('/api/v1/predictions application/x-ndjson');
    const ids = got.records.map((r) => r.id);
    expect(new Set(ids).size).toBe(140);
    const ts = got.records.map((r) => Date.parse(r.ts));
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(ts[0]).toBeGreaterThan(START);
    expect(ts.at(-1)).toBeLessThanOrEqual(START + 10_000);
  });

  it('sends actuals later, keyed by the ids of accepted predictions', async () => {
    const { clock, sim, got } = setup({ rate: 20 });
    sim.start();
    await runFor(clock, 2000);
    expect(got.records.length).toBeGreaterThan(0);
    expect(got.actuals).toHaveLength(0); // the delay is 3 s
    await runFor(clock, 4000);
    await sim.stop();
    expect(got.contentTypes).toContain('/api/v1/actuals application/json');
    const seen = new Set(got.records.map((r) => r.id));
    for (const a of got.actuals) expect(seen.has(a.id)).toBe(true);
    const early = got.records.filter((r) => Date.parse(r.ts) <= START + 2000 && r.prediction);
    const actualIds = new Set(got.actuals.map((a) => a.id));
    expect(early.every((r) => actualIds.has(r.id))).toBe(true);
    expect(sim.stats().actualsSent).toBe(got.actuals.length);
  });

  it('withholds a share of actuals for good', async () => {
    const { clock, sim, got } = setup({ rate: 100, actualLossRatio: 0.2, actualDelayMs: [100, 200] });
    sim.start();
    await runFor(clock, 5000);
    await sim.stop();
    const s = sim.stats();
    expect(s.actualsWithheld / s.acked).toBeGreaterThan(0.12);
    expect(s.actualsWithheld / s.acked).toBeLessThan(0.28);
    expect(got.actuals.length + s.actualsWithheld + s.actualsPending).toBe(
      got.records.filter((r) => r.prediction).length,
    );
  });

  it('rides out an engine outage: buffers, backs off, then delivers everything once and in order', async () => {
    let down = true;
    const { clock, sim, got, lines } = setup({ rate: 20 }, () => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:8000');
      return 200;
    });
    sim.start();
    await runFor(clock, 3000);
    expect(got.records).toHaveLength(0);
    const during = sim.stats();
    expect(during.buffered).toBe(60);
    expect(during.failedPosts).toBeGreaterThan(2);
    expect(during.failedPosts).toBeLessThan(12); // backoff, not a post per tick
    down = false;
    await runFor(clock, 2000);
    await sim.stop();
    expect(got.records.map((r) => r.id)).toEqual(
      got.records.map((_, i) => `${got.records[0]!.id.replace(/-1$/, '')}-${i + 1}`),
    );
    expect(got.records).toHaveLength(100);
    expect(sim.stats()).toMatchObject({ acked: 100, buffered: 0, dropped: 0 });
    const app = lines('app.log');
    expect(app.some((l) => / WARN engine post failed, will retry .*ECONNREFUSED/.test(l))).toBe(true);
    expect(app.some((l) => / INFO engine reachable again /.test(l))).toBe(true);
  });

  it('drops the oldest records past the buffer cap, with a counted warning', async () => {
    const { clock, sim, lines } = setup({ rate: 40, maxBuffered: 50 }, () => 503);
    sim.start();
    await runFor(clock, 5000);
    await sim.stop();
    const s = sim.stats();
    expect(s.buffered).toBe(50);
    expect(s.dropped).toBe(150);
    const warn = lines('app.log').filter((l) => l.includes(' WARN buffer full, dropped oldest '));
    expect(warn.length).toBeGreaterThan(0);
    expect(warn.at(-1)).toContain('dropped_total=150');
  });

  it('logs an ERROR line per failed prediction to app.log and error.log, once the errors fault is on', async () => {
    const { clock, sim, lines } = setup({ rate: 40 });
    sim.start();
    await runFor(clock, 1000);
    const before = sim.stats().failedPredictions;
    sim.setFault('errors', true);
    await runFor(clock, 5000);
    await sim.stop();
    const s = sim.stats();
    expect(s.faults.errors).toBe(true);
    expect(s.failedPredictions - before).toBeGreaterThan(20);
    const errors = lines('error.log');
    expect(errors).toHaveLength(s.failedPredictions);
    for (const l of errors)
      expect(l).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z ERROR prediction failed error_type=\w+ id=\S+/);
    const app = lines('app.log');
    expect(app.filter((l) => l.includes(' ERROR '))).toEqual(errors);
    expect(app.some((l) => l.includes(' WARN fault switched fault=errors state=on'))).toBe(true);
    expect(app.some((l) => l.includes(' INFO batch served records='))).toBe(true);
  });

  it('logs slow batches as WARN under the latency fault', async () => {
    const { clock, sim, lines } = setup({ rate: 20, faults: { latency: true } });
    sim.start();
    await runFor(clock, 2000);
    await sim.stop();
    const slow = lines('app.log').filter((l) => l.includes(' WARN slow batch '));
    expect(slow.length).toBeGreaterThan(5);
    expect(lines('app.log')[0]).toContain(
      'INFO simulator started engine=http://127.0.0.1:8000 rate=20 seed=1 faults=latency',
    );
  });

  it('grows memory under the memory fault up to its cap, and frees it when switched off', async () => {
    const MB = 1024 * 1024;
    const { clock, sim, lines } = setup({ memory: { capBytes: 6 * MB, stepBytes: 2 * MB } });
    sim.start();
    sim.setFault('memory', true);
    await runFor(clock, 500);
    expect(sim.stats().memoryBytes).toBe(4 * MB);
    await runFor(clock, 1000);
    expect(sim.stats().memoryBytes).toBe(6 * MB);
    sim.setFault('memory', false);
    expect(sim.stats().memoryBytes).toBe(0);
    await sim.stop();
    const app = lines('app.log');
    expect(app.filter((l) => l.includes(' WARN memory pressure at cap held_mb=6'))).toHaveLength(1);
    expect(app.some((l) => l.includes(' INFO memory ballast released released_mb=6'))).toBe(true);
  });

  it('each record reports the request queue; the queue fault fills it and it drains once off', async () => {
    const { clock, sim, got } = setup({ rate: 20 });
    sim.start();
    await runFor(clock, 5000);
    const healthy = got.records.at(-1)!;
    // 5 requests a tick against 7.5 served: no backlog, each tick's own requests only
    expect(healthy).toMatchObject({ queue_depth: 5, queue_capacity: 200 });
    sim.setFault('queue', true);
    await runFor(clock, 20_000); // 10/s more arrive than the slowed pool serves: 200 in 20 s
    expect(got.records.at(-1)).toMatchObject({ queue_depth: 200, queue_capacity: 200 });
    expect(sim.stats()).toMatchObject({ queueCapacity: 200 });
    sim.setFault('queue', false);
    await runFor(clock, 20_000); // drained at 10/s
    await sim.stop();
    expect(got.records.at(-1)).toMatchObject({ queue_depth: 5 });
  });

  it('the cpu fault burns CPU on threads until switched off; onSwitch hears every switch', async () => {
    const heard: string[] = [];
    const { clock, sim } = setup({ rate: 20, cpuThreads: 1, onSwitch: (n, on) => heard.push(`${n} ${on}`) });
    sim.start();
    const before = process.cpuUsage();
    const wallStart = performance.now();
    sim.setFault('cpu', true);
    await runFor(clock, 250);
    // real time for the thread to spin: this thread sleeps between polls (a few ms of CPU at most), so
    // 100 ms of process CPU is the burner's
    const spun = () => {
      const u = process.cpuUsage(before);
      return u.user + u.system;
    };
    while (spun() < 100_000 && performance.now() - wallStart < 20_000)
      await new Promise((r) => setTimeout(r, 50));
    expect(spun()).toBeGreaterThanOrEqual(100_000);
    sim.setFault('cpu', false);
    sim.setFault('engine', true);
    await sim.stop();
    expect(heard).toEqual(['cpu true', 'cpu false', 'engine true']);
  });

  it('stops ticking on stop(), and start() twice is one start', async () => {
    const { clock, sim, got } = setup({ rate: 20 });
    sim.start();
    sim.start();
    await runFor(clock, 1000);
    await sim.stop();
    const n = got.records.length;
    expect(n).toBe(20);
    await runFor(clock, 1000);
    expect(got.records.length).toBe(n);
    expect(sim.stats().running).toBe(false);
  });

  it('changes its rate while running', async () => {
    const { clock, sim, got, lines } = setup({ rate: 20 });
    sim.start();
    await runFor(clock, 1000);
    sim.setRate(4);
    await runFor(clock, 2000);
    await sim.stop();
    expect(got.records).toHaveLength(28);
    expect(sim.stats().rate).toBe(4);
    expect(lines('app.log').some((l) => l.includes(' WARN rate changed rate=4'))).toBe(true);
  });

  it('refuses a rate that is not a positive number, and an unknown fault', () => {
    expect(() => createSimulator({ engineUrl: 'http://x', rate: 0 })).toThrow(RangeError);
    expect(() => createSimulator({ engineUrl: 'http://x', rate: Number.NaN })).toThrow(RangeError);
    const sim = createSimulator({ engineUrl: 'http://x' });
    expect(() => sim.setRate(-1)).toThrow(RangeError);
    expect(() => sim.setFault('disk' as 'drift', true)).toThrow(/unknown fault "disk"/);
  });

  it('can be stopped twice, and before it started', async () => {
    const { sim, lines } = setup();
    await sim.stop();
    sim.start();
    await sim.stop();
    await sim.stop();
    expect(lines('app.log').filter((l) => l.includes('simulator stopped'))).toHaveLength(1);
  });
});
