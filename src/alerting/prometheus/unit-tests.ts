/**
 * promtool unit tests for every alert rule, generated from the same specs as the rules: for each rule,
 * one test where the signal crosses the level (quiet before `for`, firing after, with labels and
 * annotations) and one where it sits just inside the level (quiet; only milder rules fire).
 */
import { formatDuration, parseDuration } from '../../config/index.js';
import type { AlertSpec } from './alert-specs.js';
import { formatValue } from './go-format.js';
import { alertRule } from './render-rules.js';
import type { InputSeries, Labels } from './series-notation.js';

/** Where the generated test file finds the rule files, relative to itself. */
export interface UnitTestOptions {
  ruleFiles: string[];
  /** Scrape and evaluation interval of the tests, seconds (the guide's 15 s). */
  stepSeconds: number;
  /** The rate window the recording rules use (config alerting.rate_window). */
  rateWindow: string;
}

const HEALTHY_SECONDS = 600; // 10m of healthy samples first: rate windows and `for` start from a known state
const SETTLE_SECONDS = 60; // after the window has filled and `for` has passed

interface ExpAlert {
  exp_labels: Labels;
  exp_annotations: Labels;
}
interface AlertTest {
  eval_time: string;
  alertname: string;
  exp_alerts: ExpAlert[];
}
interface TestGroup {
  name: string;
  interval: string;
  input_series: InputSeries[];
  alert_rule_test: AlertTest[];
}

/** The promtool test document for `specs`. */
export function unitTests(specs: readonly AlertSpec[], opts: UnitTestOptions) {
  const step = opts.stepSeconds;
  const tests: TestGroup[] = [];
  for (const spec of specs) {
    const siblings = specs.filter((s) => s.alert === spec.alert && s.signal.id === spec.signal.id);
    const forS = parseDuration(spec.for);
    if (siblings.some((s) => parseDuration(s.for) !== forS)) {
      throw new Error(`${spec.alert}: rules on one signal must share their for duration`);
    }
    const healthy = healthyValue(siblings);
    const fireAt = HEALTHY_SECONDS + parseDuration(opts.rateWindow) + forS + SETTLE_SECONDS;
    const phases = (value: number) => ({
      healthy,
      value,
      healthySteps: HEALTHY_SECONDS / step,
      steps: Math.ceil(fireAt / step) + 2,
      stepSeconds: step,
    });
    const expect = (value: number, at: number): AlertTest => ({
      eval_time: formatDuration(at),
      alertname: spec.alert,
      exp_alerts: siblings
        .filter((s) => crosses(s, spec.signal.valueOf(value)))
        .map((s) => expAlert(s, value)),
    });
    const name = `${spec.alert} ${spec.severity}${labelText(spec.labels)}`;
    const fire = fireValue(spec, siblings);
    const checks = [expect(fire, fireAt)];
    // Before `for` has passed it is at most pending, and promtool lists only firing alerts.
    if (forS >= 2 * step) {
      const before = HEALTHY_SECONDS + forS - step;
      checks.unshift({ eval_time: formatDuration(before), alertname: spec.alert, exp_alerts: [] });
    }
    tests.push({
      name: `${name} fires at ${fire} after ${spec.for}`,
      interval: `${step}s`,
      input_series: spec.signal.series(phases(fire)),
      alert_rule_test: checks,
    });
    const quiet = quietValue(spec);
    tests.push({
      name: `${name} stays quiet at ${quiet}`,
      interval: `${step}s`,
      input_series: spec.signal.series(phases(quiet)),
      alert_rule_test: [expect(quiet, fireAt)],
    });
  }
  return { rule_files: opts.ruleFiles, evaluation_interval: `${step}s`, tests };
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? ` {${parts.join(',')}}` : '';
}

/** Whether `value` breaks the rule's level. */
export function crosses(spec: AlertSpec, value: number): boolean {
  switch (spec.op) {
    case '>':
      return value > spec.level;
    case '<':
      return value < spec.level;
    case '>=':
      return value >= spec.level;
    case '<=':
      return value <= spec.level;
    case '==':
      return value === spec.level;
  }
}

const above = (s: AlertSpec) => s.op === '>' || s.op === '>=';

/** Beyond the level, short of the next more severe level on the same signal (or halfway to the bound). */
function fireValue(spec: AlertSpec, siblings: readonly AlertSpec[]): number {
  const { level, signal } = spec;
  if (spec.op === '==' || ((spec.op === '>=' || spec.op === '<=') && signal.exact)) return level;
  const [min, max] = signal.range;
  if (above(spec)) {
    const worse = siblings.filter((s) => above(s) && s.level > level).map((s) => s.level);
    const to = worse.length ? Math.min(...worse) : Number.isFinite(max) ? max : level * 2 || 1;
    return round((level + to) / 2);
  }
  const worse = siblings.filter((s) => !above(s) && s.level < level).map((s) => s.level);
  return round((level + (worse.length ? Math.max(...worse) : min)) / 2);
}

/** On the level when the signal passes values through unchanged (comparisons are strict), else just inside. */
function quietValue(spec: AlertSpec): number {
  const { level, signal } = spec;
  if (spec.op === '==') return level === 0 ? 1 : 0;
  const margin = Math.abs(level) * 0.02 || 0.001;
  if (signal.exact && (spec.op === '>' || spec.op === '<')) return level;
  return round(above(spec) ? level - margin : level + margin);
}

/** Well on the good side of every level on the signal. */
function healthyValue(siblings: readonly AlertSpec[]): number {
  const first = siblings[0]!;
  if (first.op === '==') return quietValue(first);
  const levels = siblings.map((s) => s.level);
  const [, max] = first.signal.range;
  if (above(first)) return round(Math.min(...levels) / 2);
  const best = Math.max(...levels);
  return round(Number.isFinite(max) ? (best + max) / 2 : best * 2);
}

/** Test values read well in names and series: 12 significant digits at most. */
function round(v: number): number {
  return Number(v.toPrecision(12));
}

function expAlert(spec: AlertSpec, value: number): ExpAlert {
  const rule = alertRule(spec);
  const labels = { ...spec.signal.testLabels, ...rule.labels };
  const v = spec.signal.valueOf(value);
  const expand = (text: string) => expandTemplate(text, labels, v, spec);
  const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([k, t]) => [k, expand(t)]));
  return { exp_labels: labels, exp_annotations: annotations };
}

/** Expands the template subset the rules use: `{{ $labels.x }}` and `{{ <pipeline of $value> }}`. */
function expandTemplate(text: string, labels: Labels, value: number, spec: AlertSpec): string {
  return text.replace(/\{\{\s*(.*?)\s*\}\}/g, (_, inner: string) => {
    const label = /^\$labels\.(\w+)$/.exec(inner);
    if (label) return labels[label[1]!] ?? '';
    if (inner.includes('$value')) return formatValue(value, spec.signal.format);
    throw new Error(`${spec.alert}: template {{ ${inner} }} is not expanded by the test generator`);
  });
}
