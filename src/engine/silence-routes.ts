/**
 * The subset of Alertmanager API v2 the engine serves for its own alerts: GET/POST /api/v2/silences,
 * DELETE /api/v2/silence/{id} and GET /api/v2/alerts (firing alerts, as Alertmanager only ever holds those, with status.silencedBy and `filter`), so one client
 * (sources/alertmanager.ts) and one ack loop speak to Alertmanager and to the engine alike.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fingerprint, matcherMatches, type SilenceMatcher } from '../alerting/index.js';
import { type AlertChecker, alertLabels } from './alert-checker.js';
import type { SilenceInput, SilenceStore } from './silence-store.js';

/** What the routes need. */
export interface SilenceDeps {
  silences: SilenceStore;
  alerts: AlertChecker;
  clock: () => number;
  /** The write guard (bearer token when configured). */
  guard: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Validates a POST body the way Alertmanager does (silence.validateSilence); a message when it is wrong. */
export function parseSilenceBody(body: unknown, now: number): SilenceInput | string {
  if (typeof body !== 'object' || body === null) return 'body must be a JSON silence';
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.matchers) || b.matchers.length === 0) return 'at least one matcher is required';
  const matchers: SilenceMatcher[] = [];
  for (const m of b.matchers as Array<Record<string, unknown>>) {
    if (typeof m?.name !== 'string' || typeof m.value !== 'string')
      return 'each matcher needs name and value';
    const matcher = {
      name: m.name,
      value: m.value,
      isRegex: m.isRegex === true,
      isEqual: m.isEqual !== false,
    };
    if (matcher.isRegex) {
      try {
        new RegExp(matcher.value);
      } catch (err) {
        return `bad regex ${JSON.stringify(matcher.value)}: ${(err as Error).message}`;
      }
    }
    matchers.push(matcher);
  }
  // Alertmanager refuses a silence that would match every alert (all matchers match the empty string).
  if (matchers.every((m) => matcherMatches(m, {})))
    return 'at least one matcher must not match the empty string';
  const startsAt = typeof b.startsAt === 'string' ? Date.parse(b.startsAt) : now;
  const endsAt = typeof b.endsAt === 'string' ? Date.parse(b.endsAt) : Number.NaN;
  if (Number.isNaN(startsAt) || Number.isNaN(endsAt)) return 'startsAt and endsAt must be ISO times';
  if (endsAt <= startsAt) return 'endsAt must be after startsAt';
  if (endsAt <= now) return 'endsAt is in the past';
  if (typeof b.createdBy !== 'string' || b.createdBy === '') return 'createdBy is required';
  if (typeof b.comment !== 'string' || b.comment === '') return 'comment is required';
  return {
    ...(typeof b.id === 'string' && b.id !== '' ? { id: b.id } : {}),
    matchers,
    startsAt,
    endsAt,
    createdBy: b.createdBy,
    comment: b.comment,
  };
}

function parseFilter(q: unknown): SilenceMatcher[] | string {
  const list = q === undefined ? [] : Array.isArray(q) ? q : [q];
  const out: SilenceMatcher[] = [];
  for (const f of list) {
    const m = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/.exec(String(f));
    if (!m) return `bad filter ${JSON.stringify(f)}`;
    out.push({ name: m[1]!, value: m[3]!, isRegex: m[2]!.includes('~'), isEqual: !m[2]!.startsWith('!') });
  }
  return out;
}

/** Registers the routes. */
export function registerSilenceRoutes(app: FastifyInstance, deps: SilenceDeps): void {
  app.get('/api/v2/silences', async () => {
    const now = deps.clock();
    return deps.silences.list().map((s) => ({
      id: s.id,
      matchers: s.matchers,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      updatedAt: iso(s.updatedAt),
      createdBy: s.createdBy,
      comment: s.comment,
      status: { state: now < s.startsAt ? 'pending' : now < s.endsAt ? 'active' : 'expired' },
    }));
  });
  app.post('/api/v2/silences', { onRequest: deps.guard }, async (req, reply) => {
    let body: unknown;
    try {
      // bodies reach the routes as bytes (http-server.ts); the text whichever way the server parsed it
      const raw: unknown = req.body;
      body = JSON.parse(
        typeof raw === 'string' ? raw : raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : '',
      );
    } catch {
      return reply.code(400).send({ error: 'body is not JSON' });
    }
    const input = parseSilenceBody(body, deps.clock());
    if (typeof input === 'string') return reply.code(400).send({ error: input });
    const r = deps.silences.upsert(input);
    if ('error' in r) return reply.code(r.notFound ? 404 : 400).send({ error: r.error });
    return { silenceID: r.id };
  });
  app.delete<{ Params: { id: string } }>(
    '/api/v2/silence/:id',
    { onRequest: deps.guard },
    async (req, reply) =>
      deps.silences.expire(req.params.id)
        ? reply.code(200).send()
        : reply.code(404).send({ error: `silence ${req.params.id} not found` }),
  );
  app.get<{ Querystring: { filter?: string | string[]; silenced?: string } }>(
    '/api/v2/alerts',
    async (req, reply) => {
      const filter = parseFilter(req.query.filter);
      if (typeof filter === 'string') return reply.code(400).send({ error: filter });
      const withSilenced = req.query.silenced !== 'false';
      return deps.alerts
        .alerts()
        .filter((a) => a.state === 'firing')
        .map((a) => {
          const labels = alertLabels(a);
          const silencedBy = deps.silences.mutedBy(labels);
          return {
            labels,
            annotations: a.annotations,
            fingerprint: fingerprint(labels),
            startsAt: a.activeAt === null ? null : iso(a.activeAt),
            value: a.value,
            status: { state: silencedBy.length > 0 ? 'suppressed' : 'active', silencedBy, inhibitedBy: [] },
          };
        })
        .filter((a) => filter.every((m) => matcherMatches(m, a.labels)))
        .filter((a) => withSilenced || a.status.silencedBy.length === 0);
    },
  );
}
