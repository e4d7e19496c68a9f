/** The default I/O for http and sql steps: fetch and pg. The runner receives them; tests may swap them. */
import type { QueryResult } from 'pg';
import type { HttpSend, SqlQuery } from './kinds/types.js';

/** Sends a request with fetch; every status resolves, no response rejects. */
export const fetchSend: HttpSend = async (req) => {
  const res = await fetch(req.url, {
    method: req.method,
    headers: req.headers,
    ...(req.body !== undefined ? { body: req.body } : {}),
    signal: AbortSignal.timeout(req.timeoutMs),
    redirect: 'follow',
  });
  return { status: res.status, body: await res.text() };
};

/** Runs one statement with pg on a fresh connection, inside BEGIN READ ONLY unless told otherwise. */
export const pgQuery: SqlQuery = async (url, text, values, opts) => {
  // pg loads with the first SQL step, not with the runbook room
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: opts.timeoutMs,
    statement_timeout: opts.timeoutMs,
    query_timeout: opts.timeoutMs,
  });
  // an error event on an idle client must not crash mmops; the failing query rejects anyway
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(opts.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    const r = await client.query({ text, values });
    await client.query('COMMIT');
    const last = Array.isArray(r) ? (r.at(-1) as QueryResult) : r;
    return { fields: (last.fields ?? []).map((f) => f.name), rows: last.rows ?? [] };
  } finally {
    await client.end().catch(() => {});
  }
};
