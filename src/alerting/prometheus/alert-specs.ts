/**
 * Every Prometheus alert rule, built from the config: the same alert names and runbook ids as the
 * engine's own rules (rules.ts), so the console merges both sources. Each threshold alert has a warning
 * and a critical rule with the same name; the critical level is the more severe one.
 */
import type { Config } from '../../config/index.js';
import type { Severity } from '../types.js';
import { alertmanagerPath } from './families-alertmanager.js';
import { data, model } from './families-data.js';
import { pipeline } from './families-pipeline.js';
import { resources } from './families-resources.js';
import { availability, operations } from './families-service.js';
import { store } from './families-store.js';
import type { Op } from './family.js';
import { formatValue, VALUE_FORMATS } from './go-format.js';
import type { Labels } from './series-notation.js';
import { type Signal, TARGETS } from './signals.js';

export { AVAILABILITY_RUNBOOK } from './families-service.js';
export type { Op } from './family.js';

/** One alerting rule. */
export interface AlertSpec {
  /** The rule group it belongs to. */
  group: string;
  alert: string;
  severity: Severity;
  signal: Signal;
  op: Op;
  level: number;
  /** Prometheus duration. */
  for: string;
  /** Static labels besides severity (to tell apart rules of one name and severity). */
  labels: Labels;
  summary: string;
  /** Go template; prints `$value`. */
  description: string;
  /** Runbook id: runbooks/<id>.md. */
  runbook: string;
}

/**
 * The engine's latency histogram buckets, seconds (engine/metrics LATENCY_BUCKETS; the alerting room may
 * not import the engine, so test/prometheus asserts the two lists are equal). 0.1 and 0.25 are buckets.
 */
export const DEFAULT_LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/** How the rules are built. */
export interface SpecOptions {
  /** Latency histogram buckets the generated tests place observations in; DEFAULT_LATENCY_BUCKETS by default. */
  latencyBuckets?: readonly number[];
  /** Replaces every `for` (a test stack that must fire in seconds). */
  forOverride?: string;
  /** The engine's scrape job name. */
  engineJob?: string;
}

const OP_WORDS: Record<Op, string> = {
  '>': 'above',
  '<': 'below',
  '>=': 'at or above',
  '<=': 'at or below',
  '==': 'at',
};

/** Builds every alert rule in a stable order: groups, then the config's order, warning before critical. */
export function alertSpecs(config: Config, opts: SpecOptions): AlertSpec[] {
  const job = opts.engineJob ?? TARGETS.engine.job;
  const families = [
    ...availability(job),
    ...alertmanagerPath(),
    ...operations(config, opts.latencyBuckets ?? DEFAULT_LATENCY_BUCKETS, job),
    ...data(config),
    ...model(config),
  ];
  families.push(...resources(config), ...pipeline(config), ...store(config));
  return families.flatMap((f) => {
    const forText = opts.forOverride ?? f.for;
    return f.levels.map((l) => ({
      group: f.group,
      alert: f.alert,
      severity: l.severity,
      signal: f.signal,
      op: l.op,
      level: l.level,
      for: forText,
      labels: l.labels ?? {},
      summary: f.summary,
      description: f.description
        ? f.description(forText)
        : `${f.subject} is {{ ${VALUE_FORMATS[f.signal.format]} }}, ${OP_WORDS[l.op]} the ${l.severity} ` +
          `level of ${formatValue(l.level, f.signal.format)} for ${forText}.`,
      runbook: f.runbook,
    }));
  });
}
