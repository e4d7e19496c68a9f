/** The sources room: HTTP clients for Prometheus, Alertmanager and the engine, and the poller. */
export { type AckAction, type AckPolicy, ackActions, DEFAULT_ACK_POLICY } from './ack-reconcile.js';
export {
  type AlertmanagerClient,
  type AmAlert,
  createAlertmanagerClient,
  type Matcher,
  type SilenceRequest,
} from './alertmanager.js';
export {
  configuredDependencies,
  DEPENDENCY_KEYS,
  DEPENDENCY_NAMES,
  type Dependency,
  type DependencyName,
  databaseUrl,
  maskUrl,
} from './dependencies.js';
export { checkDependency, type DependencyCheck, type DependencyState } from './dependency-check.js';
export { createEngineClient, type EngineClient, parseEngineAlerts } from './engine.js';
export { type BaselineDoc, engineBaseline } from './engine-baseline.js';
export type { EngineAlertDoc, EngineAlertsDoc, EngineHealthDoc, EngineReportDoc } from './engine-types.js';
export { type FleetHost, fetchFleet, NODE_QUERIES, type NodeResource } from './fleet.js';
export {
  createPoller,
  onBeat,
  type Poller,
  type PollerOptions,
  type PollerSnapshot,
  processPhaseMs,
  realTimers,
  type Timers,
  untilBeat,
} from './poller.js';
export { type PostgresPing, pingPostgres } from './postgres-ping.js';
export { type ProbeResult, probe } from './probe.js';
export {
  createPrometheusClient,
  MAX_POINTS,
  type PromAlert,
  type PrometheusClient,
  type PromSample,
  type PromSeries,
  parseMatrix,
  parseVector,
  rangeStep,
} from './prometheus.js';
export type { SourceErrorKind, SourceFail, SourceOk, SourceResult } from './result.js';
export { unanswered } from './result.js';
export { jsonEqual, shareStructure } from './share.js';
export { LONG_SILENCE_MS, parseSilenceDuration, type SilenceDuration } from './silence-duration.js';
export {
  ACK_PREFIX,
  type AmSilence,
  ackComment,
  commentText,
  formatMatcher,
  isAckComment,
  matchersFor,
  parseMatcher,
  parseSilences,
} from './silences.js';
