import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import {
  type HealthLimits,
  healthOf,
  type SystemSnapshot,
  systemValues,
} from '../../src/engine/system/index.js';
import { levelBook } from '../../src/monitor/index.js';

// The shipped defaults (config/default.yaml): the market-maker rows and the market-master guide's 80 / 85 %.
const limitsFrom = (env: Record<string, string> = {}, over: object = {}): HealthLimits => {
  const { config } = loadConfig({ env, home: '/nonexistent' });
  return levelBook({ ...config, ...over });
};
const LIMITS = limitsFrom();

const snap = (over: Partial<SystemSnapshot> = {}): SystemSnapshot => ({
  cpuRatio: 0.1,
  memoryRatio: 0.1,
  diskRatio: 0.1,
  load1: 0,
  load5: 0,
  load15: 0,
  network: null,
  gpu: null,
  ts: 0,
  ...over,
});
const gpu = (utilizationRatio: number) => ({ utilizationRatio, memoryRatio: null, name: 'T4' });

describe('healthOf', () => {
  it.each([
    // [case, snapshot, cpu, memory, disk, gpu, status]
    ['an idle host', snap(), 'ok', 'ok', 'ok', null, 'healthy'],
    ['cpu exactly on the guide level (strict >)', snap({ cpuRatio: 0.8 }), 'ok', 'ok', 'ok', null, 'healthy'],
    [
      'cpu just above 80 %: warning, and the guide calls it unhealthy',
      snap({ cpuRatio: 0.81 }),
      'warning',
      'ok',
      'ok',
      null,
      'unhealthy',
    ],
    ['cpu critical', snap({ cpuRatio: 0.96 }), 'critical', 'ok', 'ok', null, 'unhealthy'],
    [
      'memory warning below the guide 85 %',
      snap({ memoryRatio: 0.8 }),
      'ok',
      'warning',
      'ok',
      null,
      'healthy',
    ],
    ['memory exactly 85 %', snap({ memoryRatio: 0.85 }), 'ok', 'warning', 'ok', null, 'healthy'],
    ['memory above the guide 85 %', snap({ memoryRatio: 0.86 }), 'ok', 'warning', 'ok', null, 'unhealthy'],
    ['memory critical', snap({ memoryRatio: 0.95 }), 'ok', 'critical', 'ok', null, 'unhealthy'],
    ['disk warning only', snap({ diskRatio: 0.85 }), 'ok', 'ok', 'warning', null, 'healthy'],
    ['disk critical', snap({ diskRatio: 0.91 }), 'ok', 'ok', 'critical', null, 'unhealthy'],
    ['busy GPU: warning', snap({ gpu: gpu(0.9) }), 'ok', 'ok', 'ok', 'warning', 'healthy'],
    ['saturated GPU: critical', snap({ gpu: gpu(0.99) }), 'ok', 'ok', 'ok', 'critical', 'unhealthy'],
    [
      'nothing measured: no verdicts, no evidence of trouble',
      snap({ cpuRatio: null, memoryRatio: null, diskRatio: null }),
      null,
      null,
      null,
      null,
      'healthy',
    ],
  ] as const)('%s', (_name, snapshot, cpu, memory, disk, g, status) => {
    const h = healthOf(snapshot, LIMITS);
    expect(h.resources).toEqual({ cpu, memory, disk, gpu: g });
    expect(h.status).toBe(status);
    expect(h.issues.length > 0).toBe(status === 'unhealthy');
  });

  it('names each reason once', () => {
    const h = healthOf(snap({ cpuRatio: 0.97, memoryRatio: 0.86, diskRatio: 0.95 }), LIMITS);
    expect(h.issues).toEqual([
      'cpu utilization 97.0 % is critical',
      'disk utilization 95.0 % is critical',
      'memory utilization 86.0 % is above 85 %',
    ]);
  });

  it('follows the configured guide levels', () => {
    const strict = limitsFrom({}, { system: { cpu_percent: 50, memory_percent: 60 } });
    expect(healthOf(snap({ cpuRatio: 0.55 }), strict).status).toBe('unhealthy');
    expect(healthOf(snap({ memoryRatio: 0.55 }), strict).status).toBe('healthy');
  });
});

describe('systemValues', () => {
  it('maps a snapshot to the alert rules value keys, null for no GPU or no snapshot', () => {
    expect(systemValues(snap({ cpuRatio: 0.5, gpu: gpu(0.7) }))).toEqual({
      system_cpu_utilization_ratio: 0.5,
      system_memory_utilization_ratio: 0.1,
      system_disk_utilization_ratio: 0.1,
      system_gpu_utilization_ratio: 0.7,
    });
    expect(Object.values(systemValues(null))).toEqual([null, null, null, null]);
    expect(systemValues(snap()).system_gpu_utilization_ratio).toBeNull();
  });
});
