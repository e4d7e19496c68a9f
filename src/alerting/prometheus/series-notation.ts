/** promtool's input-series notation for the generated rule tests: a healthy phase, then the test value. */

/** Label name to value. */
export type Labels = Readonly<Record<string, string>>;

/** One promtool input series. */
export interface InputSeries {
  series: string;
  values: string;
}

/**
 * A test's timeline: `healthySteps` samples at the healthy level (so rate windows and `for` start from a
 * known state), then samples at the level under test up to `steps` in all, one every `stepSeconds`.
 */
export interface Phases {
  healthy: number;
  value: number;
  healthySteps: number;
  steps: number;
  stepSeconds: number;
}

/** `name{a="1",b="2"}` with the labels sorted. */
export function seriesName(name: string, labels: Labels): string {
  const body = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
  return `${name}{${body}}`;
}

/** A number for YAML and PromQL: 12 significant digits at most, so float noise (139.99999999999997) stays out. */
export function num(v: number): string {
  return String(Number(v.toPrecision(12)));
}

/** A gauge at f(healthy) then f(value): `a+0xN b+0xM`. */
export function gaugeValues(p: Phases, f: (v: number) => number = (v) => v): string {
  return `${num(f(p.healthy))}+0x${p.healthySteps - 1} ${num(f(p.value))}+0x${p.steps - p.healthySteps - 1}`;
}

/** A counter rising at f(healthy) per second, then at f(value) per second. */
export function counterValues(p: Phases, f: (v: number) => number): string {
  const first = f(p.healthy) * p.stepSeconds;
  const second = f(p.value) * p.stepSeconds;
  const last = first * (p.healthySteps - 1);
  return `0+${num(first)}x${p.healthySteps - 1} ${num(last + second)}+${num(second)}x${p.steps - p.healthySteps - 1}`;
}

/** A series present through the healthy phase, then present (value 0) or gone (value 1: a stale marker). */
export function presenceValues(p: Phases): string {
  const healthy = `1+0x${p.healthySteps - 1}`;
  return p.value === 1 ? `${healthy} stale` : `${healthy} 1+0x${p.steps - p.healthySteps - 1}`;
}
