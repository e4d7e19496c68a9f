/**
 * The alerting room: rules from the config, the pure alert state machine, aggregation, notice
 * batching, notifiers (email, Slack, webhook) behind a registry, delivery with retry, and history.
 * Imports only config (and may import monitor).
 */
export {
  type AggregationRule,
  aggregateCounts,
  burstAlertName,
  burstInputs,
  burstRule,
  type GroupedAlert,
  type LabeledEvent,
} from './aggregate.js';
export { type BackoffOptions, backoffDelay } from './backoff.js';
export { channelProblems } from './channels.js';
export { messageIdFor, noticeKey } from './delivery/key.js';
export type { Delivery, QueuePolicy, QueueState } from './delivery/queue.js';
export { createQueueFile, type QueueFile } from './delivery/queue-file.js';
export { alertmanagerConfigured, engineNotifiersOn } from './delivery-path.js';
export {
  createDispatcher,
  type Dispatcher,
  type DispatcherOptions,
  type DispatcherStats,
  type DispatchFailure,
  type NotifierStats,
} from './dispatcher.js';
export {
  alertKey,
  type Evaluation,
  evaluate,
  inputsFromValues,
  type RuleInput,
  stepOptionsFromConfig,
} from './evaluate.js';
export { formatAlertLine, formatAlertText, formatNoticeText, formatValue } from './format-notice.js';
export { type GroupOptions, groupNotices, type Notice, type NoticeAlert } from './group-notices.js';
export {
  createHistoryBuffer,
  DEFAULT_HISTORY_CAPACITY,
  type HistoryBuffer,
  type HistoryEntry,
  type HistorySink,
  transitionOf,
} from './history.js';
export {
  createFileHistory,
  describeInvalidLines,
  type FileHistory,
  type FileHistoryOptions,
  type InvalidLine,
} from './history-file.js';
export { METRIC, RUNBOOK, TROUBLESHOOT } from './keys.js';
export {
  createEmailNotifier,
  createSlackNotifier,
  createWebhookNotifier,
  DEFAULT_NOTIFY_TIMEOUT_MS,
  DEFAULT_SMTP_TIMEOUT_MS,
  type DeliveryMeta,
  type EmailOptions,
  emailOptionsFromConfig,
  emailSubject,
  emailTransport,
  NOTIFIERS,
  type Notifier,
  type NotifierFactory,
  type NotifierName,
  notifiersFromConfig,
  postJson,
  type SlackOptions,
  slackPayload,
  type WebhookOptions,
  webhookPayload,
} from './notifiers/index.js';
export {
  ALERTMANAGER_HEADER,
  alertSpecs,
  DASHBOARD_FILE,
  RULE_FILES,
  renderAlertmanager,
  renderDashboardLevels,
  renderRuleFiles,
} from './prometheus/index.js';
export { rulesFromConfig } from './rules.js';
export { SEVERITIES, severityOf } from './severity.js';
export {
  fingerprint,
  type MutingSilence,
  matcherMatches,
  mutedBy,
  type SilenceMatcher,
} from './silence-match.js';
export {
  DEFAULT_COOLDOWN_SECONDS,
  RESOLVED_RETENTION_SECONDS,
  type Sample,
  type StepOptions,
  type StepResult,
  step,
} from './state-machine.js';
export { TEST_ALERT_NAME, testNotice } from './test-notice.js';
export type {
  AlertAnnotations,
  AlertEvent,
  AlertEventType,
  AlertRule,
  AlertState,
  AlertStatus,
  Severity,
} from './types.js';
