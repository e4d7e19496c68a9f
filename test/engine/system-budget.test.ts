/** The demo's budgets: this process's memory and CPU judged against them instead of the host. */
import { describe, expect, it } from 'vitest';
import { createBudgetReader } from '../../src/engine/system/budget.js';
import { createSystemSampler } from '../../src/engine/system/index.js';

const MiB = 1024 * 1024;

describe('createBudgetReader', () => {
  it('memory is RSS over the budget; CPU is CPU time over wall time x cores, since the last reading', () => {
    let rss = 256 * MiB;
    let micros = 0;
    let now = 1000;
    const r = createBudgetReader(
      { memoryBytes: 512 * MiB, cpuCores: 0.5 },
      { rss: () => rss, cpuMicros: () => micros, now: () => now },
    );
    expect(r.memoryRatio()).toBe(0.5);
    rss = 1024 * MiB;
    expect(r.memoryRatio()).toBe(1); // over budget reads 100 %, as every 0-1 utilization
    micros += 400_000; // 0.4 s of CPU in 2 s of wall time: 0.2 cores of a 0.5-core budget
    now += 2000;
    expect(r.cpuRatio()).toBeCloseTo(0.4, 10);
    now += 2000; // idle
    expect(r.cpuRatio()).toBe(0);
  });

  it('a null budget leaves that resource to the host', () => {
    const r = createBudgetReader({ memoryBytes: null, cpuCores: null });
    expect(r.memoryRatio()).toBeNull();
    expect(r.cpuRatio()).toBeNull();
  });

  it("the sampler reports this real process's memory against the budget, not the host's", async () => {
    const budget = { memoryBytes: process.memoryUsage.rss() * 2, cpuCores: 1 };
    const sampler = createSystemSampler({ budget });
    await new Promise((r) => setTimeout(r, 50)); // CPU is a rate: it needs an interval since the sampler began
    const s = await sampler.sample();
    expect(s.memoryRatio).toBeGreaterThan(0.3);
    expect(s.memoryRatio).toBeLessThan(0.8);
    expect(s.cpuRatio).not.toBeNull();
  });
});
