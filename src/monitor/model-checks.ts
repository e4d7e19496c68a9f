/**
 * The model's health as `diag model`, `check performance` and the runbooks see it: each figure against its
 * level in the book, one row each. The judgement lives here so that the CLI only parses and prints.
 */
import type { Level, LevelBook } from './level-book.js';
import { type LevelState, levelOp } from './levels.js';

/** The figures a model check reads; null when not measured (yet). */
export interface ModelFigures {
  accuracy: number | null;
  /** Mean relative drop against the baseline, 0-1. */
  degradation: number | null;
  latencyP95: number | null;
  errorRatio: number | null;
  spreadCompliance: number | null;
  /** Share of drifted features. */
  driftShare: number | null;
}

/** One judged row. */
export interface ModelCheck {
  check: string;
  value: number | null;
  state: LevelState;
  /** "< 0.85 / < 0.75": when the row is warning / critical. */
  limit: string;
  /** The config keys behind the levels. */
  keys: Level['keys'];
}

/** The rows in print order, each with its figure and its level. */
const ROWS: ReadonlyArray<[string, keyof ModelFigures, keyof LevelBook]> = [
  ['accuracy', 'accuracy', 'accuracy'],
  ['accuracy floor (PERFORMANCE_THRESHOLD)', 'accuracy', 'accuracyFloor'],
  ['degradation vs baseline', 'degradation', 'degradation'],
  ['latency p95 (s)', 'latencyP95', 'latency'],
  ['error ratio', 'errorRatio', 'errors'],
  ['spread compliance', 'spreadCompliance', 'spread'],
  ['feature drift share', 'driftShare', 'driftShare'],
];

/** "< 0.85 / < 0.75", or "< 0.6" for a level with one value. */
export function limitText(level: Level): string {
  const w = `${levelOp(level, 'warning')} ${level.warning}`;
  const c = `${levelOp(level, 'critical')} ${level.critical}`;
  return w === c ? c : `${w} / ${c}`;
}

/** Judges every figure that `only` names (all by default). */
export function modelChecks(
  figures: Partial<ModelFigures>,
  book: LevelBook,
  only?: ReadonlyArray<keyof ModelFigures>,
): ModelCheck[] {
  return ROWS.filter(([, figure]) => !only || only.includes(figure)).map(([check, figure, name]) => {
    const value = figures[figure] ?? null;
    const level = book[name];
    return { check, value, state: level.judge(value), limit: limitText(level), keys: level.keys };
  });
}

/**
 * The overall state of some checks: the worst finding; 'unknown' when nothing was judgeable (never 'ok'
 * on no data); 'ok' only when every judgeable figure is fine.
 */
export function overallOf(checks: readonly ModelCheck[]): LevelState {
  if (checks.some((c) => c.state === 'critical')) return 'critical';
  if (checks.some((c) => c.state === 'warning')) return 'warning';
  return checks.some((c) => c.state === 'ok') ? 'ok' : 'unknown';
}
