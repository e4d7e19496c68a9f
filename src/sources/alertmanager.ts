/**
 * Alertmanager API v2 client: the alerts (with silenced/inhibited state), silences (list, create, update,
 * expire) and the running config. The engine serves the same subset for its own alerts, so one client
 * speaks to both.
 */
import { isObject, joinUrl, labelsOf, maxOf, requestJson, type SourceResult } from './result.js';
import { type AmSilence, parseSilences } from './silences.js';

/** One alert as Alertmanager holds it. Times are epoch ms. */
export interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  fingerprint: string;
  /** 'active', 'suppressed' (silenced or inhibited) or 'unprocessed'. */
  state: string;
  silencedBy: string[];
  inhibitedBy: string[];
  startsAt: number | null;
  /** The engine's copy carries its value; Alertmanager's never does. */
  value?: number | null;
}

/** A silence matcher (API v2). */
export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

/** What POST /api/v2/silences takes. Times are ISO strings or Dates; with `id` it updates that silence. */
export interface SilenceRequest {
  id?: string;
  matchers: Matcher[];
  startsAt: Date | string;
  endsAt: Date | string;
  createdBy: string;
  comment: string;
}

/** The Alertmanager client. */
export interface AlertmanagerClient {
  readonly url: string;
  /** Active alerts; `filter` takes matcher texts (`name=value`), matched by Alertmanager itself. */
  alerts(opts?: {
    silenced?: boolean;
    inhibited?: boolean;
    filter?: readonly string[];
  }): Promise<SourceResult<AmAlert[]>>;
  silence(req: SilenceRequest): Promise<SourceResult<{ silenceID: string }>>;
  silences(): Promise<SourceResult<AmSilence[]>>;
  /** Expires a silence now (DELETE /api/v2/silence/{id}). */
  expire(id: string): Promise<SourceResult<{ id: string }>>;
  /** The running configuration as YAML (GET /api/v2/status, config.original). */
  configYaml(): Promise<SourceResult<string>>;
}

/** Creates a client for the Alertmanager at `url`. */
export function createAlertmanagerClient(opts: {
  url: string;
  timeoutMs: number;
  maxBytes?: number;
}): AlertmanagerClient {
  return {
    url: opts.url,
    alerts: ({ silenced = true, inhibited = true, filter = [] } = {}) => {
      const q = new URLSearchParams({
        active: 'true',
        silenced: String(silenced),
        inhibited: String(inhibited),
      });
      for (const f of filter) q.append('filter', f);
      return requestJson(
        `${joinUrl(opts.url, '/api/v2/alerts')}?${q}`,
        { timeoutMs: opts.timeoutMs, ...maxOf(opts) },
        parseAlerts,
      );
    },
    silence: (req) => {
      const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());
      const body = { ...req, startsAt: iso(req.startsAt), endsAt: iso(req.endsAt) };
      const url = joinUrl(opts.url, '/api/v2/silences');
      return requestJson(url, { timeoutMs: opts.timeoutMs, method: 'POST', body, ...maxOf(opts) }, (b) =>
        isObject(b) && typeof b.silenceID === 'string' ? { silenceID: b.silenceID } : null,
      );
    },
    silences: () =>
      requestJson(joinUrl(opts.url, '/api/v2/silences'), { timeoutMs: opts.timeoutMs }, parseSilences),
    expire: (id) =>
      requestJson(
        joinUrl(opts.url, `/api/v2/silence/${encodeURIComponent(id)}`),
        { timeoutMs: opts.timeoutMs, method: 'DELETE' },
        () => ({ id }),
      ),
    configYaml: () =>
      requestJson(joinUrl(opts.url, '/api/v2/status'), { timeoutMs: opts.timeoutMs }, (b) =>
        isObject(b) && isObject(b.config) && typeof b.config.original === 'string' ? b.config.original : null,
      ),
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

function parseAlerts(body: unknown): AmAlert[] | null {
  if (!Array.isArray(body)) return null;
  return body.filter(isObject).map((a) => {
    const status = isObject(a.status) ? a.status : {};
    const at = typeof a.startsAt === 'string' ? Date.parse(a.startsAt) : Number.NaN;
    return {
      labels: labelsOf(a.labels),
      annotations: labelsOf(a.annotations),
      fingerprint: typeof a.fingerprint === 'string' ? a.fingerprint : '',
      state: typeof status.state === 'string' ? status.state : 'active',
      silencedBy: strings(status.silencedBy),
      inhibitedBy: strings(status.inhibitedBy),
      startsAt: Number.isNaN(at) ? null : at,
      ...(typeof a.value === 'number' || a.value === null ? { value: a.value as number | null } : {}),
    };
  });
}
