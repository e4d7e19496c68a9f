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
import { saveReference, uploadFormat } from './reference-store.js';

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
  // Bodies are read as text: parse-body.ts locates JSON errors by record and line, fastify's parser cannot.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
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
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    if (deps.token === null || bearerMatches(req.headers.authorization, deps.token)) return;
    deps.metrics.recordRejectedBatch('unauthorized');
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .send({ error: 'ingest requires Authorization: Bearer <engine.ingest_token>' });
  };
  const text = (req: FastifyRequest) => (typeof req.body === 'string' ? req.body : '');

  await app.register(async (scope) => {
    // Prediction bodies stay bytes: they go to an ingest thread as they are and are decoded there, off this
    // thread (fastify decodes string bodies the same way: all at once, as UTF-8).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post('/api/v1/predictions', { preHandler: guard }, async (req, reply) => {
      const body = req.body instanceof Uint8Array ? req.body : new Uint8Array(0);
      const r = await deps.ingest.predictions(body, req.headers['content-type']);
      return reply.code(r.status).send(r.body);
    });
  });
  app.post('/api/v1/actuals', { preHandler: guard }, async (req, reply) => {
    const r = await deps.ingest.actuals(text(req), req.headers['content-type']);
    return reply.code(r.status).send(r.body);
  });
  app.put('/api/v1/reference', { preHandler: guard }, async (req, reply) => {
    const body = text(req);
    if (body.trim() === '')
      return reply.code(400).send({ error: 'empty body: send the reference as CSV or NDJSON' });
    try {
      const { frame, file } = await saveReference(
        deps.dataDir,
        body,
        uploadFormat(body, req.headers['content-type']),
      );
      deps.evaluator.setReference(frame);
      return reply.send({ rows: frame.rows, columns: frame.columns.map((c) => c.name), stored: file });
    } catch (err) {
      deps.metrics.recordRejectedBatch('invalid');
      return reply
        .code(400)
        .send({ error: `reference refused: ${err instanceof Error ? err.message : String(err)}` });
    }
  });
  registerBaselineRoutes(app, { evaluator: deps.evaluator, guard, clock: deps.clock });
  registerReadRoutes(app, { ...deps, startedAt });
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
