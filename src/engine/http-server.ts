/** The engine's HTTP layer on fastify: bodies as text, errors as `{error}`, ingest behind the token when set. */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Dispatcher } from '../alerting/index.js';
import type { Config } from '../config/index.js';
import type { AlertChecker } from './alert-checker.js';
import { bearerMatches } from './auth.js';
import { registerBaselineRoutes } from './baseline-routes.js';
import type { Evaluator } from './evaluator.js';
import type { EventLog } from './event-log/index.js';
import type { Ingest } from './ingest.js';
import type { EngineMetrics } from './metrics/index.js';
import { registerReadRoutes } from './read-routes.js';
import { ReferenceUploadError, referenceUploads, uploadFormat } from './reference-store.js';
import { registerSilenceRoutes } from './silence-routes.js';
import type { SilenceStore } from './silence-store.js';
import type { StoreStatus } from './store/index.js';
import { decodeUtf8Strict, type Utf8Result, utf8Error } from './strict-utf8.js';

/** What the routes serve from. */
export interface HttpDeps {
  config: Config;
  host: string;
  token: string | null;
  ingest: Ingest;
  evaluator: Evaluator;
  dispatcher: Dispatcher;
  alerts: AlertChecker;
  metrics: EngineMetrics;
  log: EventLog;
  dataDir: string;
  clock: () => number;
  /** The prediction store's status, when one is configured (GET /health). */
  storeStatus?: () => StoreStatus;
  silences: SilenceStore;
}

/** The server, before and after listen. */
export interface HttpServer {
  listen(host: string, port: number): Promise<{ url: string; host: string; port: number }>;
  close(): Promise<void>;
}

/** Builds the fastify app with every route. */
export async function createHttpServer(deps: HttpDeps): Promise<HttpServer> {
  const startedAt = deps.clock();
  const app = Fastify({ bodyLimit: deps.config.engine.body_limit_bytes, logger: false });
  // Bodies are read as bytes and decoded here, strictly (strict-utf8.ts): fastify's string parser turns bad
  // bytes into U+FFFD. parse-body.ts then locates JSON errors by record and line, which fastify's cannot.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status === 413) {
      deps.metrics.recordRejectedBatch('too_large');
      const limit = deps.config.engine.body_limit_bytes;
      return reply
        .code(413)
        .send({ error: `body over engine.body_limit_bytes (${limit} bytes); send smaller batches` });
    }
    return reply.code(status).send({ error: err.message });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `no route ${req.method} ${req.url}` }),
  );

  // When a token is configured (required off loopback), every write needs it; reads stay open for scrapers.
  // Checked in onRequest, on the head alone: fastify reads the body only after onRequest (and preParsing), so
  // an unauthenticated 15 MB post is answered 401 without buffering it (issue 17, defect 8).
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    if (deps.token === null || bearerMatches(req.headers.authorization, deps.token)) return;
    deps.metrics.recordRejectedBatch('unauthorized');
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .send({ error: 'ingest requires Authorization: Bearer <engine.ingest_token>' });
  };
  const text = (req: FastifyRequest): Utf8Result =>
    req.body instanceof Uint8Array ? decodeUtf8Strict(req.body) : { ok: true, text: '' };
  const badText = (reply: FastifyReply, r: { offset: number; reason: string }) => {
    deps.metrics.recordRejectedBatch('invalid');
    return reply.code(400).send({ error: utf8Error(r) });
  };

  await app.register(async (scope) => {
    // Prediction bodies stay bytes: they go to an ingest thread as they are and are decoded there, off this
    // thread (fastify decodes string bodies the same way: all at once, as UTF-8).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post('/api/v1/predictions', { onRequest: guard }, async (req, reply) => {
      const body = req.body instanceof Uint8Array ? req.body : new Uint8Array(0);
      const r = await deps.ingest.predictions(body, req.headers['content-type']);
      return reply.code(r.status).send(r.body);
    });
  });
  app.post('/api/v1/actuals', { onRequest: guard }, async (req, reply) => {
    const body = text(req);
    if (!body.ok) return badText(reply, body);
    const r = await deps.ingest.actuals(body.text, req.headers['content-type']);
    return reply.code(r.status).send(r.body);
  });
  const uploads = referenceUploads(deps.dataDir, (frame) => deps.evaluator.setReference(frame));
  app.put('/api/v1/reference', { onRequest: guard }, async (req, reply) => {
    const decoded = text(req);
    if (!decoded.ok) return badText(reply, decoded);
    const body = decoded.text;
    if (body.trim() === '') {
      deps.metrics.recordRejectedBatch('empty');
      return reply.code(400).send({ error: 'empty body: send the reference as CSV or NDJSON' });
    }
    try {
      const { frame, file } = await uploads.save(body, uploadFormat(body, req.headers['content-type']));
      return reply.send({ rows: frame.rows, columns: frame.columns.map((c) => c.name), stored: file });
    } catch (err) {
      // Only a body that is not a reference is the client's fault (400, an invalid batch); a disk error is ours.
      if (!(err instanceof ReferenceUploadError)) throw err;
      deps.metrics.recordRejectedBatch('invalid');
      return reply.code(400).send({ error: `reference refused: ${err.message}` });
    }
  });
  registerBaselineRoutes(app, { evaluator: deps.evaluator, guard, clock: deps.clock });
  registerReadRoutes(app, { ...deps, startedAt });
  registerSilenceRoutes(app, { silences: deps.silences, alerts: deps.alerts, clock: deps.clock, guard });
  await app.ready();

  return {
    async listen(host, port) {
      await app.listen({ host, port });
      const addr = app.server.address();
      const bound = typeof addr === 'object' && addr !== null ? addr.port : port;
      const shown = host.includes(':') ? `[${host}]` : host;
      return { url: `http://${shown}:${bound}`, host, port: bound };
    },
    close: () => app.close(),
  };
}
