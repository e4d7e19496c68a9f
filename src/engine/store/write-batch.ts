/**
 * One store transaction: COPY the batch's predictions into a staging table, INSERT them (skipping any already
 * stored: a record replayed or sent twice is not doubled), apply the actuals as UPDATEs, add the
 * evaluation figures, and move the checkpoint, all in one commit: rows and checkpoint never disagree.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { LogPosition } from '../event-log/tail-reader.js';
import type { Label, PredictionRecord } from '../records.js';
import { copyLines, copyPredictionRow, PREDICTION_COLUMNS } from './copy-rows.js';

/** One evaluation figure for the metrics table. */
export interface MetricRow {
  at: number;
  name: string;
  value: number | null;
  labels: Record<string, string>;
}

/** What one transaction writes. */
export interface Batch {
  /** A record as the log holds it: its log line's bytes for PostgreSQL to parse, or parsed. */
  predictions: ({ line: Buffer; receivedAt: number } | { rec: PredictionRecord; receivedAt: number })[];
  /** In log order: a later actual for the same id wins. */
  actuals: { id: string; actual: Label; at: number }[];
  metrics: MetricRow[];
  /** Where the log has been copied up to once this commits, and the receive time of its last entry. */
  checkpoint: { position: LogPosition; entries: number; logTs: number } | null;
}

/** What it did. */
export interface BatchOutcome {
  inserted: number;
  /** Predictions already stored (a replay after a crash between COMMIT and the reader moving on). */
  duplicates: number;
  actualsApplied: number;
}

const STAGING = 'mmops_store_in';
const LINES = 'mmops_store_lines';

const COLUMNS = `source, id, "timestamp", received_at, model, asset_class, features, prediction, confidence,
  latency_seconds, error_type, actual, actual_at, spread, spread_limit`;

// The record's fields out of its log line (`{"t":"p","ts":<received>,"rec":{..}}`), in PostgreSQL: the engine's
// thread only hands the log's bytes on. The log holds records as validation normalised them (ts in epoch ms,
// latency in seconds).
const FROM_LINES = `SELECT $1, r->>'id',
    coalesce(timestamptz 'epoch' + (r->>'ts')::float8 * interval '1 millisecond', received_at), received_at,
    r->>'model', r->>'asset_class', coalesce(r->'features', '{}'), r->'prediction', (r->>'confidence')::float8,
    (r->>'latency_seconds')::float8, r->>'error', r->'actual', CASE WHEN r ? 'actual' THEN received_at END,
    (r->>'spread')::float8, (r->>'spread_limit')::float8
  FROM ${LINES},
    LATERAL (SELECT e->'rec' AS r, timestamptz 'epoch' + (e->>'ts')::float8 * interval '1 millisecond' AS received_at) x`;

const FROM_STAGED = `SELECT $1, id, ts, received_at, model, asset_class, features, prediction, confidence,
    latency_seconds, error_type, actual, CASE WHEN actual IS NULL THEN NULL ELSE received_at END, spread,
    spread_limit
  FROM ${STAGING}`;

async function copyIn(client: pg.ClientBase, table: string, columns: string, data: Buffer): Promise<void> {
  if (data.length === 0) return;
  const copy = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  await pipeline(Readable.from([data]), copy);
}

/** Sets up the writer's session (once per connection): asynchronous commit and the staging tables. */
export async function prepareSession(client: pg.ClientBase): Promise<void> {
  // Asynchronous commit (https://www.postgresql.org/docs/15/wal-async-commit.html): COMMIT returns before
  // the WAL flush, so the writer's fsyncs stop competing with the event log's on the engine's disk. Safe here:
  // a crash loses at most the last few transactions whole, their checkpoint with them, and the writer then
  // reads those records from the event log again (it is the source of truth; nothing was acknowledged on the
  // strength of PostgreSQL).
  await client.query('SET synchronous_commit = off');
  // ON COMMIT DELETE ROWS: each transaction starts with an empty stage, and nothing lingers after a failure.
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${STAGING} (
    id text, ts timestamptz, received_at timestamptz, model text, asset_class text, features jsonb,
    prediction jsonb, confidence double precision, latency_seconds double precision, error_type text,
    actual jsonb, spread double precision, spread_limit double precision
  ) ON COMMIT DELETE ROWS`);
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${LINES} (e jsonb) ON COMMIT DELETE ROWS`);
}

/**
 * Writes the batch in one transaction as `source`; rolls back and rethrows on any error. Predictions go in
 * with a plain INSERT first: ON CONFLICT's speculative insertion costs PostgreSQL about 3 µs more a row
 * (bench/README.md), and a stored duplicate is rare (a record sent twice, a lost checkpoint). A duplicate
 * key (23505) rolls the transaction back, and the same batch goes again skipping the rows already stored.
 */
export async function writeBatch(client: pg.ClientBase, source: string, batch: Batch): Promise<BatchOutcome> {
  try {
    return await writeOnce(client, source, batch, false);
  } catch (err) {
    if ((err as { code?: unknown }).code !== '23505') throw err;
    return writeOnce(client, source, batch, true);
  }
}

async function writeOnce(
  client: pg.ClientBase,
  source: string,
  batch: Batch,
  skipStored: boolean,
): Promise<BatchOutcome> {
  const out: BatchOutcome = { inserted: 0, duplicates: 0, actualsApplied: 0 };
  await client.query('BEGIN');
  try {
    if (batch.predictions.length > 0) {
      const lines: Buffer[] = [];
      let staged = '';
      for (const p of batch.predictions) {
        if ('line' in p) lines.push(p.line);
        else staged += copyPredictionRow(p.rec, p.receivedAt);
      }
      await copyIn(client, LINES, 'e', copyLines(lines));
      await copyIn(client, STAGING, PREDICTION_COLUMNS.join(', '), Buffer.from(staged, 'utf8'));
      const from = [lines.length > 0 && FROM_LINES, staged && FROM_STAGED]
        .filter(Boolean)
        .join(' UNION ALL ');
      const conflict = skipStored ? ' ON CONFLICT DO NOTHING' : '';
      const r = await client.query(`INSERT INTO predictions (${COLUMNS}) ${from}${conflict}`, [source]);
      out.inserted = r.rowCount ?? 0;
      out.duplicates = batch.predictions.length - out.inserted;
    }
    if (batch.actuals.length > 0) {
      const a = batch.actuals;
      // DISTINCT ON keeps the last actual sent for an id (the order column is the log order)
      const r = await client.query(
        `UPDATE predictions p SET actual = u.actual, actual_at = u.at
         FROM (SELECT DISTINCT ON (id) id, actual, at FROM
                 unnest($2::text[], $3::jsonb[], $4::timestamptz[], $5::int[]) AS x(id, actual, at, ord)
               ORDER BY id, ord DESC) u
         WHERE p.source = $1 AND p.id = u.id`,
        [
          source,
          a.map((x) => x.id),
          a.map((x) => JSON.stringify(x.actual)),
          a.map((x) => new Date(x.at).toISOString()),
          a.map((_, i) => i),
        ],
      );
      out.actualsApplied = r.rowCount ?? 0;
    }
    if (batch.metrics.length > 0) {
      const m = batch.metrics;
      await client.query(
        `INSERT INTO metrics (source, "timestamp", metric_name, value, labels)
         SELECT $1, * FROM unnest($2::timestamptz[], $3::text[], $4::float8[], $5::jsonb[])`,
        [
          source,
          m.map((x) => new Date(x.at).toISOString()),
          m.map((x) => x.name),
          m.map((x) => x.value),
          m.map((x) => JSON.stringify(x.labels)),
        ],
      );
    }
    // the checkpoint and the COMMIT in one round trip (a simple query of two statements: no parameters, so
    // the values are literals; a failing INSERT stops it before the COMMIT)
    const c = batch.checkpoint;
    const lit = (v: string) => client.escapeLiteral(v);
    await client.query(
      c
        ? `INSERT INTO store_checkpoints (source, segment, byte_offset, entries, log_ts, updated_at)
           VALUES (${lit(source)}, ${lit(c.position.segment)}, ${int(c.position.offset)}, ${int(c.entries)},
             ${lit(new Date(c.logTs).toISOString())}, now())
           ON CONFLICT (source) DO UPDATE SET segment = EXCLUDED.segment, byte_offset = EXCLUDED.byte_offset,
             entries = store_checkpoints.entries + EXCLUDED.entries, log_ts = EXCLUDED.log_ts, updated_at = now();
           COMMIT`
        : 'COMMIT',
    );
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** A count or offset as SQL text; anything but a non-negative safe integer is a bug upstream. */
function int(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`store checkpoint: ${n} is not a count or offset`);
  return String(n);
}

/** The checkpoint stored for `source`, or null when it has written nothing yet. */
export async function readCheckpoint(client: pg.ClientBase, source: string): Promise<LogPosition | null> {
  const r = await client.query<{ segment: string; byte_offset: string }>(
    'SELECT segment, byte_offset FROM store_checkpoints WHERE source = $1',
    [source],
  );
  const row = r.rows[0];
  return row ? { segment: row.segment, offset: Number(row.byte_offset) } : null;
}
