import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { appendHostSample, type HostSample, sustainedUsage } from '../../src/console/data/host-sustained.js';
import { toResourceModel } from '../../src/console/panels/resources.js';
import { levelBook } from '../../src/monitor/index.js';

const book = levelBook(loadConfig({ env: {}, home: '/nonexistent' }).config);
const FOR = { cpu: 300_000, memory: 300_000, disk: 300_000, gpu: 300_000 };
const usage = (cpu: number) => ({ host: 'here', cpu, memory: 0.2, disk: 0.3, gpu: null });

/** A probe every 2 s from t0, with CPU from `cpuAt(t)`. */
function probes(t0: number, seconds: number, cpuAt: (t: number) => number): HostSample[] {
  let h: HostSample[] = [];
  for (let t = t0; t <= t0 + seconds * 1000; t += 2000)
    h = appendHostSample(h, { at: t, usage: usage(cpuAt(t)) }, 300_000);
  return h;
}

const panel = (h: HostSample[], now: number) =>
  toResourceModel(
    { hosts: [{ ...h.at(-1)!.usage, judged: sustainedUsage(h, now, FOR) }], cpuTrend: [] },
    { cpu: book.cpu, memory: book.memory, disk: book.disk, gpu: book.gpu },
  );

describe("this host is judged over the alerts' for, never on one reading", () => {
  it('a start-up burst at 96 % CPU is warming up, not CRIT', () => {
    const h = probes(0, 20, () => 0.96);
    const m = panel(h, 20_000);
    expect(m.state).toBe('unknown');
    expect(m.stats[0]).toMatchObject({ label: 'cpu', value: '96%', state: 'unknown' });
    expect(m.note).toBe('warming up: here judged over 5m, as its alert');
  });

  it('a burst inside a calm 5 minutes stays OK', () => {
    const h = probes(0, 400, (t) => (t > 390_000 ? 0.99 : 0.3));
    expect(panel(h, 400_000).state).toBe('ok');
  });

  it('CPU above 95 % for the whole 5 minutes is CRIT, as HighCpuUtilization would fire', () => {
    const h = probes(0, 400, () => 0.97);
    const m = panel(h, 400_000);
    expect(m.state).toBe('critical');
    expect(m.note).toBeUndefined();
  });

  it('keeps only what the longest for needs, plus the sample that spans its start', () => {
    const h = probes(0, 1000, () => 0.5);
    expect(h[0]!.at).toBeLessThanOrEqual(1_000_000 - 300_000);
    expect(h[1]!.at).toBeGreaterThan(1_000_000 - 300_000);
  });
});
