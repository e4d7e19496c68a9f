/** Host signals from node-exporter (CPU, memory, filesystems) and NVIDIA's dcgm-exporter (GPU). */
import { NODE_RECORDS, nodeRecords, RATE_WINDOW } from './recording-rules.js';
import { counterValues, gaugeValues, seriesName } from './series-notation.js';
import { RATIO, type Signal, TARGETS } from './signals.js';

/** Host CPU busy share from node-exporter: 1 - idle rate, averaged over CPUs. */
export function nodeCpu(window: string = RATE_WINDOW): Signal {
  const labels = { ...TARGETS.node, cpu: '0', mode: 'idle' };
  return {
    id: 'node-cpu',
    expr: nodeRecords(window).cpu,
    format: 'percent',
    range: RATIO,
    exact: false,
    testLabels: TARGETS.node,
    series: (p) => [
      { series: seriesName('node_cpu_seconds_total', labels), values: counterValues(p, (v) => 1 - v) },
    ],
    valueOf: (v) => v,
  };
}

/** Host memory in use from node-exporter: 1 - MemAvailable / MemTotal. */
export function nodeMemory(): Signal {
  const total = 8e9;
  return {
    id: 'node-memory',
    expr: NODE_RECORDS.memory,
    format: 'percent',
    range: RATIO,
    exact: false,
    testLabels: TARGETS.node,
    series: (p) => [
      { series: seriesName('node_memory_MemTotal_bytes', TARGETS.node), values: gaugeValues(p, () => total) },
      {
        series: seriesName('node_memory_MemAvailable_bytes', TARGETS.node),
        values: gaugeValues(p, (v) => (1 - v) * total),
      },
    ],
    valueOf: (v) => v,
  };
}

/** Used share of each real filesystem from node-exporter (tmpfs, overlay and the like excluded). */
export function nodeDisk(): Signal {
  const size = 1e11;
  const labels = { ...TARGETS.node, device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' };
  return {
    id: 'node-disk',
    expr: NODE_RECORDS.disk,
    format: 'percent',
    range: RATIO,
    exact: false,
    testLabels: labels,
    series: (p) => [
      { series: seriesName('node_filesystem_size_bytes', labels), values: gaugeValues(p, () => size) },
      {
        series: seriesName('node_filesystem_avail_bytes', labels),
        values: gaugeValues(p, (v) => (1 - v) * size),
      },
    ],
    valueOf: (v) => v,
  };
}

/** GPU utilization from NVIDIA's dcgm-exporter (percent, so / 100); absent without a GPU. */
export function dcgmGpu(): Signal {
  const labels = { ...TARGETS.gpu, gpu: '0' };
  return {
    id: 'dcgm-gpu',
    expr: 'DCGM_FI_DEV_GPU_UTIL / 100',
    format: 'percent',
    range: RATIO,
    exact: false,
    testLabels: labels,
    series: (p) => [
      { series: seriesName('DCGM_FI_DEV_GPU_UTIL', labels), values: gaugeValues(p, (v) => v * 100) },
    ],
    valueOf: (v) => v,
  };
}
