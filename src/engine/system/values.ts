/** A snapshot as the alert rules' value keys (src/alerting/keys.ts), for the evaluator to merge in. */
import { METRIC } from '../../alerting/index.js';
import type { SystemSnapshot } from './types.js';

/** The four host values the rules read, keyed by METRIC; null (no data, or no GPU) keeps a rule quiet. */
export function systemValues(snapshot: SystemSnapshot | null): Record<string, number | null> {
  return {
    [METRIC.cpuUtilization]: snapshot?.cpuRatio ?? null,
    [METRIC.memoryUtilization]: snapshot?.memoryRatio ?? null,
    [METRIC.diskUtilization]: snapshot?.diskRatio ?? null,
    [METRIC.gpuUtilization]: snapshot?.gpu?.utilizationRatio ?? null,
  };
}
