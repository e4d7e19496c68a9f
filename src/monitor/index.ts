/**
 * The monitor room: pure computations over frames (quality, drift, performance, levels to states).
 * Imports only `config`. Other rooms import from here, never from the files inside.
 */
export * from './drift/index.js';
export * from './fleet.js';
export * from './frame/index.js';
export { type Level, type LevelBook, type LevelName, levelBook } from './level-book.js';
export { crosses, judge, type LevelState, type Levels, levelOp } from './levels.js';
export * from './logs/index.js';
export {
  limitText,
  type ModelCheck,
  type ModelFigures,
  modelChecks,
  overallOf,
} from './model-checks.js';
export * from './performance/index.js';
export * from './prediction-drift/index.js';
export * from './quality/index.js';
export { finitePart, SortedColumns } from './sorted-columns.js';
