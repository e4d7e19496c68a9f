import { describe, expect, it } from 'vitest';
import {
  bounded,
  clampRatio,
  diskRatioOf,
  type FsEntry,
  filesystemOf,
  gpuFromControllers,
  parseNetDev,
  settled,
  sumNetworkStats,
} from '../../src/engine/system/index.js';

const NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 1426308    2393    0    0    0     0          0         0  1426308    2393    0    0    0     0       0          0
  ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0: 277691619    7829    0    0    0     0          0         0   602613    4647    0    0    0     0       0          0
wlan0:12345 1 0 0 0 0 0 0 678 1 0 0 0 0 0 0
`;

describe('network counters', () => {
  it('sums /proc/net/dev bytes over every interface but loopback (fields glued to the colon too)', () => {
    expect(parseNetDev(NET_DEV)).toEqual({ rxBytes: 277691619 + 12345, txBytes: 602613 + 678 });
  });

  it('gives zeros for a loopback-only host, and null for text that is not /proc/net/dev', () => {
    const loOnly = NET_DEV.split('\n').slice(0, 3).join('\n');
    expect(parseNetDev(loOnly)).toEqual({ rxBytes: 0, txBytes: 0 });
    expect(parseNetDev('')).toBeNull();
    expect(parseNetDev('eth0: x y')).toBeNull();
  });

  it('sums systeminformation rows the same way', () => {
    const rows = [
      { iface: 'lo', rx_bytes: 5, tx_bytes: 5 },
      { iface: 'en0', rx_bytes: 10, tx_bytes: 20 },
      { iface: 'en1', rx_bytes: 1, tx_bytes: 2 },
    ];
    expect(sumNetworkStats(rows)).toEqual({ rxBytes: 11, txBytes: 22 });
    expect(sumNetworkStats([])).toBeNull();
  });
});

describe('disk', () => {
  const fs = (mount: string, used = 50, available = 50, use = 50): FsEntry => ({
    mount,
    size: used + available,
    used,
    available,
    use,
  });
  const entries = [fs('/'), fs('/data', 90, 10), fs('/data/archive', 1, 99)];

  it.each([
    ['/', '/'],
    ['/var/lib', '/'],
    ['/data', '/data'],
    ['/data/mmops', '/data'],
    ['/database', '/'],
    ['/data/archive/x', '/data/archive'],
  ])('%s lives on %s', (path, mount) => {
    expect(filesystemOf(entries, path)?.mount).toBe(mount);
  });

  it('finds nothing without a root entry for an unlisted path', () => {
    expect(filesystemOf([fs('/data')], '/home')).toBeUndefined();
  });

  it('computes used / (used + available), like df, not used / size', () => {
    // 10 GB reserved for root: size 100, used 60, available 30 -> df says 67 %.
    expect(diskRatioOf({ mount: '/', size: 100, used: 60, available: 30, use: 66.67 })).toBeCloseTo(2 / 3);
    expect(diskRatioOf({ mount: '/', size: 0, used: 0, available: 0, use: 42 })).toBe(0.42);
    expect(diskRatioOf({ mount: '/', size: 0, used: 0, available: 0, use: Number.NaN })).toBeNull();
  });

  it('clamps ratios and rejects non-numbers', () => {
    expect([clampRatio(-0.1), clampRatio(0.5), clampRatio(1.2)]).toEqual([0, 0.5, 1]);
    expect([clampRatio(Number.NaN), clampRatio(Number.POSITIVE_INFINITY)]).toEqual([null, null]);
  });
});

describe('gpuFromControllers', () => {
  const vga = { model: 'Virtio GPU', vendor: 'Red Hat' };

  it('is null without an nvidia-smi-backed controller', () => {
    expect(gpuFromControllers([])).toBeNull();
    expect(gpuFromControllers([vga])).toBeNull();
  });

  it('reports the busiest GPU and its memory, with names joined', () => {
    const gpus = [
      {
        model: 'GA100',
        name: 'A100',
        pciBus: '00:01',
        utilizationGpu: 35,
        memoryUsed: 1000,
        memoryTotal: 40000,
      },
      {
        model: 'GA100',
        name: 'A100',
        pciBus: '00:02',
        utilizationGpu: 90,
        memoryUsed: 30000,
        memoryTotal: 40000,
      },
    ];
    expect(gpuFromControllers([vga, ...gpus])).toEqual({
      utilizationRatio: 0.9,
      memoryRatio: 0.75,
      name: 'A100, A100',
    });
  });

  it('reads an idle GPU as 0 %: systeminformation drops a 0 utilisation but keeps pciBus', () => {
    const idle = { model: 'TU104', name: 'Tesla T4', pciBus: '00:1E', memoryTotal: 15360 };
    expect(gpuFromControllers([idle])).toEqual({ utilizationRatio: 0, memoryRatio: 0, name: 'Tesla T4' });
  });
});

describe('settled', () => {
  it('gives the value, or null on rejection, synchronous throw or timeout', async () => {
    expect(await settled(async () => 7, 100)()).toBe(7);
    expect(await settled(() => Promise.reject(new Error('x')), 100)()).toBeNull();
    expect(
      await settled(() => {
        throw new Error('sync');
      }, 100)(),
    ).toBeNull();
    expect(await bounded(new Promise(() => {}), 20)).toBeNull();
  });

  it('keeps one call in flight: later callers share a hung call instead of starting another', async () => {
    let calls = 0;
    let release: (v: number) => void = () => {};
    const f = settled(() => {
      calls += 1;
      if (calls > 1) return Promise.resolve(calls);
      return new Promise<number>((r) => {
        release = r;
      });
    }, 20);
    expect(await f()).toBeNull();
    expect(await f()).toBeNull();
    expect(calls).toBe(1);
    release(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(await f()).toBe(2); // the hung call ended: the next one is a fresh call
  });
});
