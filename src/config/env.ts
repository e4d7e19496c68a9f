/** The environment variables that override the configuration: the market-master guide's, plus ours. */

/** 'url': a URL, or `none` for a source that is not configured (null), e.g. ENGINE_URL=none. */
type Parse = 'string' | 'number' | 'boolean' | 'url';

/** One variable: the key it sets and how its text is read. Earlier entries win for the same key. */
export interface EnvBinding {
  readonly name: string;
  readonly path: string;
  readonly parse: Parse;
}

/** Every variable mmops reads, in priority order (ENGINE_URL beats the guide's EVIDENTLY_SERVICE_URL). */
export const ENV_BINDINGS: readonly EnvBinding[] = [
  { name: 'PROMETHEUS_URL', path: 'sources.prometheus_url', parse: 'string' },
  { name: 'ALERTMANAGER_URL', path: 'sources.alertmanager_url', parse: 'string' },
  { name: 'GRAFANA_URL', path: 'sources.grafana_url', parse: 'url' },
  { name: 'ENGINE_URL', path: 'sources.engine_url', parse: 'url' },
  // The guide's Evidently service is our engine: same role, so the old name keeps working.
  { name: 'EVIDENTLY_SERVICE_URL', path: 'sources.engine_url', parse: 'url' },
  // The guides' other dependencies (issue 12); MLflow's own client variable names its server.
  { name: 'MLFLOW_TRACKING_URI', path: 'sources.mlflow_url', parse: 'url' },
  { name: 'MODEL_SERVICE_HEALTH_URL', path: 'sources.model_service_health_url', parse: 'url' },
  { name: 'MODEL_LOADING_URL', path: 'sources.model_loading_url', parse: 'url' },
  { name: 'ALERT_EMAIL', path: 'notify.email.to', parse: 'string' },
  { name: 'SLACK_WEBHOOK_URL', path: 'notify.slack.webhook_url', parse: 'string' },
  { name: 'MMOPS_WEBHOOK_URL', path: 'notify.webhook.url', parse: 'string' },
  { name: 'DATA_QUALITY_THRESHOLD', path: 'quality.min_score', parse: 'number' },
  { name: 'DRIFT_THRESHOLD', path: 'drift.alpha', parse: 'number' },
  { name: 'PERFORMANCE_THRESHOLD', path: 'performance.min_accuracy', parse: 'number' },
  { name: 'LATENCY_THRESHOLD', path: 'latency.threshold_ms', parse: 'number' },
  { name: 'MONITORING_INTERVAL_SECONDS', path: 'intervals.monitoring_seconds', parse: 'number' },
  { name: 'ALERT_CHECK_INTERVAL_SECONDS', path: 'intervals.alert_check_seconds', parse: 'number' },
  { name: 'SMTP_HOST', path: 'notify.smtp.host', parse: 'string' },
  { name: 'SMTP_PORT', path: 'notify.smtp.port', parse: 'number' },
  { name: 'SMTP_USERNAME', path: 'notify.smtp.username', parse: 'string' },
  { name: 'SMTP_USER', path: 'notify.smtp.username', parse: 'string' },
  { name: 'SMTP_PASSWORD', path: 'notify.smtp.password', parse: 'string' },
  { name: 'SMTP_FROM', path: 'notify.smtp.from', parse: 'string' },
  { name: 'SMTP_STARTTLS', path: 'notify.smtp.starttls', parse: 'boolean' },
  { name: 'SMTP_TIMEOUT', path: 'notify.smtp.timeout', parse: 'string' },
  { name: 'MMOPS_ENGINE_NOTIFIERS', path: 'notify.engine_notifiers', parse: 'string' },
  { name: 'MMOPS_NOTIFY_RETRY_MAX', path: 'notify.delivery.retry_max', parse: 'string' },
  { name: 'MMOPS_INGEST_TOKEN', path: 'engine.ingest_token', parse: 'string' },
  { name: 'MMOPS_DATA_DIR', path: 'engine.data_dir', parse: 'string' },
  { name: 'DATABASE_URL', path: 'storage.database_url', parse: 'string' },
];

/** A variable whose text is not of its type: the loader reports it with the allowed values. */
export interface EnvProblem {
  readonly name: string;
  readonly path: string;
  readonly value: string;
  readonly expected: string;
}

/** Reads the bound variables from `env`: the overrides by key, and the variables that did not parse. */
export function readEnv(env: NodeJS.ProcessEnv): {
  overrides: Map<string, { name: string; value: unknown }>;
  problems: EnvProblem[];
} {
  const overrides = new Map<string, { name: string; value: unknown }>();
  const problems: EnvProblem[] = [];
  for (const b of ENV_BINDINGS) {
    const raw = env[b.name];
    // An empty variable counts as unset: compose files and shells often export NAME= for "not configured".
    if (raw === undefined || raw.trim() === '' || overrides.has(b.path)) continue;
    const value = parseValue(raw.trim(), b.parse);
    if (value === undefined) {
      problems.push({
        name: b.name,
        path: b.path,
        value: raw,
        expected: b.parse === 'number' ? 'a number' : 'true or false',
      });
      continue;
    }
    overrides.set(b.path, { name: b.name, value });
  }
  return { overrides, problems };
}

function parseValue(raw: string, parse: Parse): unknown {
  if (parse === 'string') return raw;
  // An empty variable is unset (above), so "not configured" needs a word of its own; the schema then
  // refuses it for a source that must be configured (PROMETHEUS_URL=none).
  if (parse === 'url') return /^none$/i.test(raw) ? null : raw;
  if (parse === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  return undefined;
}
