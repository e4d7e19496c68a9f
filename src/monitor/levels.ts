/**
 * The one level judge: a value against a warning and a critical level. Every room that judges a number
 * (the engine's alerts, the rendered Prometheus rules, the console, `status`, `diag`) calls this, so a
 * value is never OK in one place and critical in another.
 */

/** The state of one judged value. `unknown` is "no judgeable value": NaN, absent or stale. */
export type LevelState = 'ok' | 'warning' | 'critical' | 'unknown';

/** Two levels and the bad side. */
export interface Levels {
  warning: number;
  critical: number;
  /** 'above': bad when the value passes a level upwards (latency); 'below': downwards (accuracy). */
  direction: 'above' | 'below';
  /**
   * Which levels a value ON the level already reaches. The default is strict, as the market-maker guide's
   * tables write their rows ("> 100ms", "< 10/s") and as the PromQL rules compare (`>`). Evidently's
   * dataset drift (share >= drift_share) and the guide's aggregation ("10 errors in 5 minutes", count >= 10)
   * are inclusive, so those levels say so here and in their rendered rule (`>=`).
   */
  inclusive?: { warning?: boolean; critical?: boolean };
}

/** True when `value` is on the bad side of `level`. */
export function crosses(
  value: number,
  level: number,
  levels: Levels,
  which: 'warning' | 'critical',
): boolean {
  const inclusive = levels.inclusive?.[which] === true;
  if (levels.direction === 'above') return inclusive ? value >= level : value > level;
  return inclusive ? value <= level : value < level;
}

/**
 * Judges `value` against `levels`. Critical wins over warning. null, undefined and NaN are 'unknown',
 * never 'ok': a blind spot is not a healthy figure (PromQL's NaN satisfies no comparison, so the rule
 * stays quiet, but nothing here calls that "ok"). +/-Infinity compares as a number.
 */
export function judge(value: number | null | undefined, levels: Levels): LevelState {
  if (value === null || value === undefined || Number.isNaN(value)) return 'unknown';
  if (crosses(value, levels.critical, levels, 'critical')) return 'critical';
  if (crosses(value, levels.warning, levels, 'warning')) return 'warning';
  return 'ok';
}

/** The comparison a level renders as in PromQL and in text: `>`, `>=`, `<` or `<=`. */
export function levelOp(levels: Levels, which: 'warning' | 'critical'): '>' | '>=' | '<' | '<=' {
  const op = levels.direction === 'above' ? '>' : '<';
  return levels.inclusive?.[which] === true ? (`${op}=` as '>=' | '<=') : op;
}
