/**
 * Config levels in a step's expectation: a numeric `expect` field may say `"${thresholds.error_ratio.warning}"`
 * instead of a number, and gets the configured value when the runbook loads. A guide's level is written
 * once, in config, and a runbook moves with it (issue 10: every consumer judges by the same config keys).
 * The comparison stays the runbook's own operator (below, warnAbove, ...): the runbook room cannot import
 * the monitor room's level judge.
 */
import { type Config, loadConfig } from '../config/index.js';
import { numericSchema } from './expect-schema.js';

const REF = /^\$\{([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+)\}$/;
const NUMERIC = Object.keys(numericSchema.shape);

/** Where references resolve: the loaded config. */
export type Levels = Config;

let shipped: Config | undefined;
/** The shipped defaults (config/default.yaml alone: no user file, no environment), for callers without a config. */
export function shippedLevels(): Config {
  // home points nowhere so ~/.config/mmops/config.yaml is not read: these are the defaults, nothing else
  shipped ??= loadConfig({ env: {}, home: '/nonexistent' }).config;
  return shipped;
}

/** The number at `path` in `levels`, or undefined. */
function lookup(levels: Config, path: string): number | undefined {
  let v: unknown = levels;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * Replaces each `${path}` in attrs.expect (and expect.rows) by its config number, in place. Returns the
 * references it resolved (`below` -> `thresholds.error_ratio.critical`) and the problems (unknown paths).
 */
export function resolveLevelRefs(
  attrs: Record<string, unknown>,
  levels: Config,
): { refs: Record<string, string>; problems: string[] } {
  const refs: Record<string, string> = {};
  const problems: string[] = [];
  const visit = (obj: unknown, at: string) => {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return;
    const o = obj as Record<string, unknown>;
    for (const key of NUMERIC) {
      const m = typeof o[key] === 'string' ? REF.exec(o[key] as string) : null;
      if (!m) continue;
      const value = lookup(levels, m[1]!);
      if (value === undefined) {
        problems.push(`${at}${key}: ${o[key]} is not a number in the config`);
        delete o[key]; // one message per bad reference (the schema would add "expected number")
      } else {
        o[key] = value;
        refs[`${at}${key}`] = m[1]!;
      }
    }
  };
  visit(attrs.expect, 'expect.');
  if (typeof attrs.expect === 'object' && attrs.expect !== null) {
    visit((attrs.expect as Record<string, unknown>).rows, 'expect.rows.');
  }
  return { refs, problems };
}
