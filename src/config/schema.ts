/** The configuration schema: every key, its type and what is allowed, in one place. */
import { z } from 'zod';
import { isDuration } from './duration.js';

// Each leaf carries a `describe()` text: the loader quotes it as "allowed: ..." when a value is rejected.
const ratio = () => z.number().min(0).max(1).describe('a number from 0 to 1');
const openRatio = () => z.number().gt(0).lt(1).describe('a number strictly between 0 and 1');
const positive = () => z.number().gt(0).describe('a number greater than 0');
const count = () => z.number().int().min(1).describe('a whole number >= 1');
const port = () => z.number().int().min(1).max(65535).describe('a port number from 1 to 65535');
const url = () => z.string().url().describe('an http(s) URL such as http://127.0.0.1:9090');
const optionalUrl = () => url().nullable().describe('an http(s) URL, or null to disable');
const text = () => z.string().min(1).describe('a non-empty string');
const optionalText = () => z.string().min(1).nullable().describe('a non-empty string, or null');
const duration = () =>
  z
    .string()
    .refine(isDuration, { message: 'not a duration' })
    .describe('a duration such as 30s, 5m, 1h or 7d');

/**
 * Warning and critical levels of one market-maker table row, and which side is bad. Their order is
 * checked after validation (level-pairs.ts), where the message can name both keys and their origins.
 */
const threshold = z.strictObject({
  warning: z.number().describe('a number'),
  critical: z.number().describe('a number'),
  direction: z.enum(['above', 'below']).describe('"above" or "below"'),
  for: duration(),
});

export const THRESHOLD_NAMES = [
  'prediction_latency_seconds',
  'prediction_throughput_per_second',
  'error_ratio',
  'queue_utilization_ratio',
  'memory_utilization_ratio',
  'cpu_utilization_ratio',
  'gpu_utilization_ratio',
  'disk_utilization_ratio',
  'model_accuracy',
  'spread_compliance_ratio',
  'model_drift_score',
] as const;

export const DRIFT_METHODS = ['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare'] as const;

export const configSchema = z.strictObject({
  metrics: z.strictObject({
    prefix: z
      .string()
      .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
      .describe('a Prometheus metric name prefix ([a-zA-Z_][a-zA-Z0-9_]*)'),
  }),
  sources: z.strictObject({
    prometheus_url: url(),
    alertmanager_url: url(),
    // null: no engine runs (Prometheus alone, issue 15): the engine is "not configured", never unreachable.
    engine_url: url().nullable().describe('an http(s) URL, or null when no engine runs (ENGINE_URL=none)'),
    timeout_seconds: positive(),
    max_response_bytes: count(),
    // The guides' other dependencies (issue 12): null = not configured, so `diag health` leaves it out.
    grafana_url: optionalUrl(),
    mlflow_url: optionalUrl(),
    model_service_health_url: optionalUrl(),
    model_loading_url: optionalUrl(),
  }),
  engine: z.strictObject({
    host: text(),
    port: port(),
    data_dir: text(),
    ingest_token: optionalText(),
    body_limit_bytes: count(),
    retention_days: positive(),
    window: z.strictObject({
      max_records: count(),
      max_age: duration(),
      max_future_skew: duration(),
      max_features: count(),
    }),
  }),
  intervals: z.strictObject({
    monitoring_seconds: positive(),
    alert_check_seconds: positive(),
    scrape_seconds: positive(),
  }),
  quality: z.strictObject({
    min_score: ratio(),
    critical_score: ratio(),
    near_constant_share: openRatio(),
    iqr_multiplier: positive(),
    /**
     * The recent part of the window quality is judged on (the newest records back to this age): a fault
     * moves the score as soon as it fills this, not the whole window.
     */
    window: duration(),
    /** How long the score must stay low before DataQualityDegraded fires. */
    for: duration(),
  }),
  drift: z.strictObject({
    alpha: openRatio(),
    method: z.enum(DRIFT_METHODS).describe(DRIFT_METHODS.join(' | ')),
    dataset_share: ratio(),
    warning_share: ratio(),
    min_rows: count(),
    distance_thresholds: z.strictObject({
      wasserstein: positive(),
      psi: positive(),
      jensenshannon: positive(),
    }),
    /** How long drift must persist before DataDriftDetected fires. */
    for: duration(),
  }),
  performance: z.strictObject({
    min_accuracy: ratio(),
    high_confidence: ratio(),
    degradation: z.strictObject({ warning: ratio(), critical: ratio() }),
    /** How long degradation must persist before ModelPerformanceDegraded fires. */
    degradation_for: duration(),
  }),
  latency: z.strictObject({ threshold_ms: positive() }),
  system: z.strictObject({
    cpu_percent: z.number().gt(0).max(100).describe('a percentage from 0 to 100'),
    memory_percent: z.number().gt(0).max(100).describe('a percentage from 0 to 100'),
    // ours: judge the engine process against budgets instead of the host (engine/system/budget.ts); the
    // demo sets them so its memory and cpu faults cross the levels on any host. null: the host is judged.
    memory_budget_bytes: z.number().int().gt(0).nullable().describe('a whole number of bytes > 0, or null'),
    cpu_budget_cores: z.number().gt(0).nullable().describe('a number of cores > 0, or null'),
  }),
  alerting: z.strictObject({
    /** The window Prometheus' rates and quantiles are taken over (the recording rules' rate5m). */
    rate_window: duration(),
    cooldown: duration(),
    send_resolved: z.boolean().describe('true or false'),
    aggregation: z.array(
      z.strictObject({
        name: text(),
        window: duration(),
        threshold: count(),
        group_by: z.array(text()).describe('a list of label names'),
      }),
    ),
  }),
  thresholds: z.strictObject(
    Object.fromEntries(THRESHOLD_NAMES.map((n) => [n, threshold])) as {
      [K in (typeof THRESHOLD_NAMES)[number]]: typeof threshold;
    },
  ),
  notify: z.strictObject({
    engine_notifiers: z
      .enum(['auto', 'on', 'off'])
      .describe('"auto" (off when Alertmanager is configured), "on" or "off"'),
    delivery: z.strictObject({
      retry_base: duration(),
      retry_max: duration(),
      max_age: duration(),
      unhealthy_after: duration(),
    }),
    email: z.strictObject({ to: optionalText(), subject_prefix: text() }),
    slack: z.strictObject({ webhook_url: optionalUrl(), channel: text() }),
    webhook: z.strictObject({ url: optionalUrl() }),
    smtp: z.strictObject({
      host: optionalText(),
      port: port(),
      username: optionalText(),
      password: optionalText(),
      from: optionalText(),
      starttls: z.boolean().describe('true or false'),
      timeout: duration(),
    }),
  }),
  /** The prediction store in PostgreSQL (engine/store); the guide's metrics_config sets the batching. */
  storage: z.strictObject({
    // Any non-empty text: a malformed URL must not stop the engine (nor be echoed with its password); the
    // store reports it at start and ingest goes on.
    database_url: z
      .string()
      .min(1)
      .nullable()
      .describe('a postgres://user:password@host:5432/db URL, or null for no store'),
    collection_interval_seconds: positive(),
    batch_size: count(),
    buffer_size: count(),
    yield_lag_seconds: z
      .number()
      .min(0)
      .describe('a number of seconds >= 0, below storage.lag_seconds.warning; 0: never defer to ingest'),
    lag_seconds: threshold,
  }),
  runbooks: z.strictObject({
    dirs: z.array(text()).min(1).describe('a list of directories'),
    journal_dir: text(),
    schedule: z.strictObject({ daily: duration(), weekly: duration(), monthly: duration() }),
  }),
});

/** The validated configuration. */
export type Config = z.infer<typeof configSchema>;
/** One row of the market-maker threshold table. */
export type Threshold = Config['thresholds'][keyof Config['thresholds']];
export type ThresholdName = (typeof THRESHOLD_NAMES)[number];
