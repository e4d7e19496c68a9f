/** The engine room: ingest, event log, window, evaluation, alerting service, metrics and HTTP. */
export { bearerMatches, bindProblem, requiresToken } from './auth.js';
export { type Check, engineHealth, type HealthReport } from './engine-health.js';
export {
  type DriftDetector,
  type EvaluateWindowInput,
  evaluateWindow,
  type WindowEvaluation,
} from './evaluate-window.js';
export { driftOnThreads, engineDriftDetector } from './evaluator.js';
export type { EngineReport, OperationalFigures, ReportStatus } from './report-types.js';
export { type EngineOptions, EngineStartError, type RunningEngine, startEngine } from './service.js';
export {
  checkDatabaseUrl,
  type LocalPostgres,
  MIGRATIONS,
  type MigrateResult,
  migrate,
  openClient,
  redactUrl,
  type StoreStatus,
  startLocalPostgres,
} from './store/index.js';
export { type Finding, judgeAnswers, QUESTIONS, type StoreAnswers } from './store/questions.js';
export { createSystemSampler, healthOf, type SystemHealth, type SystemSnapshot } from './system/index.js';
export { PredictionWindow, type WindowColumns, windowOptions } from './window.js';
export { BASELINE_MIN_SCORED, type Baseline, MIN_SCORED } from './window-performance.js';
