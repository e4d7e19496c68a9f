/** The environment a step sees: params and alert labels as MMOPS_PARAM_* / MMOPS_ALERT_*, never spliced in. */
import type { Runbook } from './types.js';

/** `log_file` -> `LOG_FILE`; anything but letters and digits becomes `_`. */
export function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** A param given that the runbook does not declare. */
export class ParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamError';
  }
}

/** Parses `k=v` strings (from --param); throws ParamError on one without "=". */
export function parseAssignments(items: string[], what = '--param'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const i = item.indexOf('=');
    if (i <= 0) throw new ParamError(`${what} ${JSON.stringify(item)}: expected name=value`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

/** The params with defaults filled in; throws ParamError naming the runbook file for an unknown one. */
export function resolveParams(rb: Runbook, given: Record<string, string>): Record<string, string> {
  const known = new Map(rb.params.map((p) => [p.name, p]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const list = rb.params.map((p) => p.name).join(', ') || 'none';
      throw new ParamError(`${rb.file}:1: unknown param "${name}" (this runbook takes: ${list})`);
    }
  }
  return Object.fromEntries(rb.params.map((p) => [p.name, given[p.name] ?? p.default]));
}

/** The step environment: `base` (the process's) plus MMOPS_PARAM_* and MMOPS_ALERT_*. */
export function stepEnv(
  base: Record<string, string | undefined>,
  params: Record<string, string>,
  labels: Record<string, string>,
): Record<string, string | undefined> {
  const env = { ...base };
  for (const [k, v] of Object.entries(labels)) env[`MMOPS_ALERT_${envName(k)}`] = v;
  for (const [k, v] of Object.entries(params)) env[`MMOPS_PARAM_${envName(k)}`] = v;
  return env;
}
