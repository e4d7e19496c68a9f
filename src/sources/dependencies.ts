/**
 * The dependencies the guides name (the market-master guide's check_application_health and services list,
 * the market-maker guide's architecture), as configured: each with the URL it is checked at. A dependency
 * whose key is null is not configured and not listed.
 */
import type { Config } from '../config/index.js';
import { joinUrl } from './result.js';

/** Every dependency name, in the order `diag health` lists them. */
export const DEPENDENCY_NAMES = [
  'engine',
  'prometheus',
  'alertmanager',
  'grafana',
  'mlflow',
  'model_service',
  'model_loading',
  'database',
] as const;

/** One dependency's name. */
export type DependencyName = (typeof DEPENDENCY_NAMES)[number];

/** How a dependency is checked: its health endpoint over HTTP, or a PostgreSQL handshake. */
export type DependencyKind = 'engine' | 'http' | 'postgres';

/** One configured dependency. */
export interface Dependency {
  name: DependencyName;
  kind: DependencyKind;
  /** The configured URL (secrets in a database URL are masked). */
  url: string;
  /** What is requested: the health endpoint, or the database URL itself. */
  checkUrl: string;
  /** The key and variable that configure it, for messages. */
  key: string;
}

/** The config key and variable of each dependency, for "not configured" messages. */
export const DEPENDENCY_KEYS: Record<DependencyName, string> = {
  engine: 'sources.engine_url (ENGINE_URL, EVIDENTLY_SERVICE_URL)',
  prometheus: 'sources.prometheus_url (PROMETHEUS_URL)',
  alertmanager: 'sources.alertmanager_url (ALERTMANAGER_URL)',
  grafana: 'sources.grafana_url (GRAFANA_URL)',
  mlflow: 'sources.mlflow_url (MLFLOW_TRACKING_URI)',
  model_service: 'sources.model_service_health_url (MODEL_SERVICE_HEALTH_URL)',
  model_loading: 'sources.model_loading_url (MODEL_LOADING_URL)',
  database: 'storage.database_url (DATABASE_URL)',
};

/**
 * The database URL when the config has one. `storage.database_url` belongs to the PostgreSQL store (another
 * part of issue 12), so it is read without assuming the key exists in this schema.
 */
export function databaseUrl(config: Config): string | null {
  const storage = (config as unknown as { storage?: { database_url?: unknown } }).storage;
  const url = storage?.database_url;
  return typeof url === 'string' && url.trim() !== '' ? url : null;
}

/** Hides the password of a URL (`postgres://user:***@host/db`) so reports can name it. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** The configured dependencies, each with the URL to check. */
export function configuredDependencies(config: Config): Dependency[] {
  const s = config.sources;
  const http = (name: DependencyName, url: string | null, path: string | null): Dependency[] =>
    url === null
      ? []
      : [
          {
            name,
            kind: name === 'engine' ? 'engine' : 'http',
            url,
            checkUrl: path === null ? url : joinUrl(url, path),
            key: DEPENDENCY_KEYS[name],
          },
        ];
  const db = databaseUrl(config);
  return [
    ...http('engine', s.engine_url, '/health'),
    // Prometheus and Alertmanager answer /-/healthy; Grafana /api/health (the guide's debugging commands);
    // MLflow's tracking server /health. The model service URLs are whole URLs: every server names them its way.
    ...http('prometheus', s.prometheus_url, '/-/healthy'),
    ...http('alertmanager', s.alertmanager_url, '/-/healthy'),
    ...http('grafana', s.grafana_url, '/api/health'),
    ...http('mlflow', s.mlflow_url, '/health'),
    ...http('model_service', s.model_service_health_url, null),
    ...http('model_loading', s.model_loading_url, null),
    ...(db === null
      ? []
      : [
          {
            name: 'database' as const,
            kind: 'postgres' as const,
            url: maskUrl(db),
            checkUrl: db,
            key: DEPENDENCY_KEYS.database,
          },
        ]),
  ];
}
