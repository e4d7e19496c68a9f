/**
 * GET, PUT and DELETE /api/v1/baseline: see, set (from the current window or from figures) and reset the
 * performance baseline. Writes need the ingest token when one is configured, as every write does.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type BaselineRecord, parseBaseline } from './baseline-store.js';
import { BaselineUnavailable, type Evaluator } from './evaluator.js';

type Guard = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The baseline as the API shows it: the record plus ISO times. */
export function baselineView(b: BaselineRecord | null) {
  if (b === null)
    return {
      baseline: null,
      note: 'no baseline yet: the first window with enough scored predictions becomes it',
    };
  return {
    baseline: { ...b, measuredAt: new Date(b.at).toISOString(), setAtIso: new Date(b.setAt).toISOString() },
  };
}

/** Registers the baseline routes on `app`. */
export function registerBaselineRoutes(
  app: FastifyInstance,
  deps: { evaluator: Evaluator; guard: Guard; clock: () => number },
): void {
  app.get('/api/v1/baseline', async () => baselineView(await deps.evaluator.baseline()));
  app.put('/api/v1/baseline', { onRequest: deps.guard }, async (req, reply) => {
    // The body as text whichever way the server parsed it (a string here, bytes where bodies stay Buffers).
    const raw: unknown = req.body;
    const text =
      typeof raw === 'string' ? raw : raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : '';
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return reply.code(400).send({
        error: 'expected JSON: {"from":"window"}, or {"accuracy":..,"precision":..,"recall":..,"f1":..}',
      });
    }
    const fromWindow =
      typeof body === 'object' && body !== null && (body as { from?: unknown }).from === 'window';
    const parsed = fromWindow ? 'window' : parseBaseline(body, deps.clock());
    if (typeof parsed === 'string' && parsed !== 'window')
      return reply.code(400).send({ error: `baseline refused: ${parsed}` });
    try {
      return baselineView(await deps.evaluator.setBaseline(parsed as 'window' | BaselineRecord));
    } catch (err) {
      if (err instanceof BaselineUnavailable) return reply.code(409).send({ error: err.message });
      throw err;
    }
  });
  app.delete('/api/v1/baseline', { onRequest: deps.guard }, async () => {
    await deps.evaluator.resetBaseline();
    return baselineView(null);
  });
}
