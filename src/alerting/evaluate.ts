/** One evaluation over every rule: the engine's entry point to the state machine. Pure. */
import { type Config, parseDuration } from '../config/index.js';
import { type HistoryEntry, transitionOf } from './history.js';
import { type StepOptions, step } from './state-machine.js';
import type { AlertEvent, AlertRule, AlertState } from './types.js';

/** A rule and its value in this evaluation (null = no data). */
export interface RuleInput {
  rule: AlertRule;
  value: number | null;
}

/** The outcome of one evaluation. */
export interface Evaluation {
  /** Every alert that is pending, firing or resolved (within retention), by alertKey. Inactive ones are dropped. */
  states: Map<string, AlertState>;
  /** What to notify about, in rule order. */
  events: AlertEvent[];
  /** State changes for the alert history. */
  transitions: HistoryEntry[];
}

/** The identity of an alert, Prometheus-style: `Name{a="x",b="y"}` with labels sorted. */
export function alertKey(name: string, labels: Readonly<Record<string, string>> = {}): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
}

/** Pairs each rule with its value; a missing or non-finite-number value is no data. */
export function inputsFromValues(
  rules: readonly AlertRule[],
  values: Readonly<Record<string, number | null | undefined>>,
): RuleInput[] {
  return rules.map((rule) => {
    const v = values[rule.metric];
    return { rule, value: typeof v === 'number' && !Number.isNaN(v) ? v : null };
  });
}

/** The step options the config asks for (alerting.cooldown is the repeat interval). */
export function stepOptionsFromConfig(config: Config): StepOptions {
  return { cooldownSeconds: parseDuration(config.alerting.cooldown) };
}

/**
 * Steps every alert once. An alert in `prev` with no input this time (an aggregation group that went
 * quiet, a rule removed by a reload) is stepped as "no data", which resolves it if firing: the same as
 * Prometheus does for a series that left the query result.
 */
export function evaluate(
  prev: ReadonlyMap<string, AlertState>,
  inputs: readonly RuleInput[],
  now: number,
  options: StepOptions = {},
): Evaluation {
  const out: Evaluation = { states: new Map(), events: [], transitions: [] };
  const seen = new Set<string>();
  const record = (key: string, before: AlertState | undefined, rule: AlertRule, value: number | null) => {
    const { next, events } = step(before, { value }, rule, now, options);
    if (next.state !== 'inactive') out.states.set(key, next);
    out.events.push(...events);
    const t = transitionOf(before, next);
    if (t !== null) out.transitions.push(t);
  };
  for (const { rule, value } of inputs) {
    const key = alertKey(rule.name, rule.labels);
    if (seen.has(key)) throw new Error(`duplicate alert ${key}: two rules share a name and labels`);
    seen.add(key);
    record(key, prev.get(key), rule, value);
  }
  for (const [key, before] of prev) {
    if (!seen.has(key)) record(key, before, ruleOf(before), null);
  }
  return out;
}

// Enough of a rule to step an absent alert: with no data the levels are never consulted.
function ruleOf(a: AlertState): AlertRule {
  const { summary, description, runbook } = a.annotations;
  const levels = { warning: Number.NaN, critical: Number.NaN, direction: 'above' as const, forSeconds: 0 };
  return { name: a.name, metric: '', labels: a.labels, ...levels, summary, description, runbook };
}
