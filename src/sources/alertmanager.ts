/** Alertmanager API v2 client: the alerts (with silenced/inhibited state) and creating a silence. */
import { isObject, joinUrl, labelsOf, maxOf, requestJson, type SourceResult } from './result.js';

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
}

/** A silence matcher (API v2). */
export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

/** What POST /api/v2/silences takes. Times are ISO strings or Dates. */
export interface SilenceRequest {
  matchers: Matcher[];
  startsAt: Date | string;
  endsAt: Date | string;
  createdBy: string;
  comment: string;
}

/** The Alertmanager client. */
export interface AlertmanagerClient {
  readonly url: string;
  alerts(opts?: { silenced?: boolean; inhibited?: boolean }): Promise<SourceResult<AmAlert[]>>;
  silence(req: SilenceRequest): Promise<SourceResult<{ silenceID: string }>>;
}

/** Creates a client for the Alertmanager at `url`. */
export function createAlertmanagerClient(opts: {
  url: string;
  timeoutMs: number;
  maxBytes?: number;
}): AlertmanagerClient {
  return {
    url: opts.url,
    alerts: ({ silenced = true, inhibited = true } = {}) => {
      const q = new URLSearchParams({
        active: 'true',
        silenced: String(silenced),
        inhibited: String(inhibited),
      });
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
    };
  });
}
