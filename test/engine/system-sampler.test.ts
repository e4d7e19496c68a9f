import { describe, expect, it } from 'vitest';
import {
  createSystemSampler,
  type GpuController,
  type SystemInfoSource,
  type SystemSnapshot,
} from '../../src/engine/system/index.js';

const inUnit = (x: number | null) => x !== null && x >= 0 && x <= 1;
const never = <T>() => new Promise<T>(() => {});

/** A fake systeminformation: each call answers from `over`, or healthy defaults. */
function fakeSi(over: Partial<SystemInfoSource> = {}): SystemInfoSource {
  return {
    currentLoad: async () => ({ currentLoad: 25 }),
    mem: async () => ({ total: 1000, active: 600 }),
    fsSize: async () => [{ mount: '/', size: 100, used: 40, available: 60, use: 40 }],
    networkStats: async () => [{ iface: 'en0', rx_bytes: 10, tx_bytes: 20 }],
    graphics: async () => ({ controllers: [] }),
    ...over,
  };
}

const NULLS: Omit<SystemSnapshot, 'ts'> = {
  cpuRatio: null,
  memoryRatio: null,
  diskRatio: null,
  load1: null,
  load5: null,
  load15: null,
  network: null,
  gpu: null,
};

describe('createSystemSampler against the real systeminformation', () => {
  it('reads this host: ratios in [0, 1], loads >= 0, network counters, no GPU here', async () => {
    const sampler = createSystemSampler();
    await sampler.sample(); // primes currentLoad (it waits 500 ms once)
    const t0 = performance.now();
    const s = await sampler.sample();
    const steady = performance.now() - t0;
    expect(inUnit(s.cpuRatio)).toBe(true);
    expect(inUnit(s.memoryRatio)).toBe(true);
    expect(inUnit(s.diskRatio)).toBe(true);
    for (const l of [s.load1, s.load5, s.load15]) expect(l).toBeGreaterThanOrEqual(0);
    expect(s.network?.rxBytes).toBeGreaterThanOrEqual(0);
    expect(s.network?.txBytes).toBeGreaterThanOrEqual(0);
    if (s.gpu !== null) expect(inUnit(s.gpu.utilizationRatio)).toBe(true);
    expect(Math.abs(s.ts - Date.now())).toBeLessThan(5000);
    expect(steady).toBeLessThan(2000); // the per-source limit: nothing timed out
  });
});

describe('createSystemSampler with a failing systeminformation', () => {
  const broken = {
    readNetwork: async () => {
      throw new Error('no /proc');
    },
    loadavg: () => {
      throw new Error('no loadavg');
    },
    clock: () => 42,
  };

  it('turns rejections into null fields', async () => {
    const boom = () => Promise.reject(new Error('boom'));
    const si = fakeSi({ currentLoad: boom, mem: boom, fsSize: boom, networkStats: boom, graphics: boom });
    expect(await createSystemSampler({ si, ...broken }).sample()).toEqual({ ...NULLS, ts: 42 });
  });

  it('turns synchronous throws and malformed answers into null fields', async () => {
    const si = {
      currentLoad: () => {
        throw new Error('sync');
      },
      mem: async () => undefined,
      fsSize: async () => 'not a list',
      networkStats: async () => null,
      graphics: async () => ({}),
    } as unknown as SystemInfoSource;
    expect(await createSystemSampler({ si, ...broken }).sample()).toEqual({ ...NULLS, ts: 42 });
  });

  it('returns within the time limit when every call hangs, and does not pile up calls', async () => {
    const calls = { load: 0, gpu: 0 };
    const si = fakeSi({
      currentLoad: () => {
        calls.load += 1;
        return never();
      },
      mem: never,
      fsSize: never,
      networkStats: never,
      graphics: () => {
        calls.gpu += 1;
        return never();
      },
    });
    const sampler = createSystemSampler({
      si,
      ...broken,
      readNetwork: never,
      timeoutMs: 100,
      gpuTimeoutMs: 150,
    });
    const t0 = performance.now();
    const s = await sampler.sample();
    const elapsed = performance.now() - t0;
    expect(s).toEqual({ ...NULLS, ts: 42 });
    // The network falls back from /proc to si, each bounded: 2 x 100 ms at most, plus slack for a loaded CI host.
    expect(elapsed).toBeLessThan(1500);
    await sampler.sample();
    expect(calls).toEqual({ load: 1, gpu: 1 }); // hung calls are waited on, not repeated
  });

  it('keeps the sources that work when others fail', async () => {
    const si = fakeSi({ mem: () => Promise.reject(new Error('x')) });
    const s = await createSystemSampler({
      si,
      readNetwork: async () => null,
      loadavg: () => [0.5, 0.25, 0.1],
    }).sample();
    expect(s).toMatchObject({ cpuRatio: 0.25, memoryRatio: null, diskRatio: 0.4, load1: 0.5, load15: 0.1 });
    expect(s.network).toEqual({ rxBytes: 10, txBytes: 20 }); // si.networkStats when /proc/net/dev is missing
  });

  it('uses active / total for memory, and the filesystem holding the given path', async () => {
    const si = fakeSi({
      fsSize: async () => [
        { mount: '/', size: 100, used: 10, available: 90, use: 10 },
        { mount: '/srv/data', size: 100, used: 80, available: 20, use: 80 },
      ],
    });
    const s = await createSystemSampler({ si, path: '/srv/data/mmops' }).sample();
    expect(s.memoryRatio).toBe(0.6);
    expect(s.diskRatio).toBe(0.8);
  });
});

describe('GPU probing', () => {
  const gpu = (utilizationGpu: number): GpuController => ({
    model: 'GA102',
    name: 'RTX A6000',
    pciBus: '00:01',
    utilizationGpu,
    memoryUsed: 12288,
    memoryTotal: 49152,
  });

  it('caches "no GPU" and asks graphics() again only after the re-check interval', async () => {
    let now = 0;
    let calls = 0;
    const si = fakeSi({
      graphics: async () => {
        calls += 1;
        return { controllers: [{ model: 'Virtio GPU' }] };
      },
    });
    const sampler = createSystemSampler({ si, clock: () => now, gpuRecheckMs: 60_000 });
    expect((await sampler.sample()).gpu).toBeNull();
    now = 59_999;
    await sampler.sample();
    expect(calls).toBe(1);
    now = 60_000;
    await sampler.sample();
    expect(calls).toBe(2);
  });

  it('asks on every sample once a GPU is seen; a failed call is null for that sample only', async () => {
    const answers: (() => Promise<{ controllers: GpuController[] }>)[] = [
      async () => ({ controllers: [gpu(40)] }),
      () => Promise.reject(new Error('nvidia-smi failed')),
      async () => ({ controllers: [gpu(97)] }),
    ];
    let calls = 0;
    const si = fakeSi({ graphics: () => answers[calls++]!() });
    const sampler = createSystemSampler({ si, clock: () => 0 });
    expect((await sampler.sample()).gpu).toEqual({
      utilizationRatio: 0.4,
      memoryRatio: 0.25,
      name: 'RTX A6000',
    });
    expect((await sampler.sample()).gpu).toBeNull();
    expect((await sampler.sample()).gpu?.utilizationRatio).toBe(0.97);
    expect(calls).toBe(3);
  });

  it('treats a failing graphics() on a host never seen with a GPU as "no GPU" and backs off', async () => {
    let calls = 0;
    const si = fakeSi({
      graphics: () => {
        calls += 1;
        return Promise.reject(new Error('lspci: not found'));
      },
    });
    const sampler = createSystemSampler({ si, clock: () => 0 });
    await sampler.sample();
    await sampler.sample();
    expect(calls).toBe(1);
  });
});
