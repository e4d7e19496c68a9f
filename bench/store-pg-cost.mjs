// What PostgreSQL spends a row on the store's write, by variant: the writer session's backend CPU (from
// /proc) while 100,000 records of bench/store.mjs's shape go in, 1,000 a transaction, asynchronous commit.
// Quoted in bench/README.md ("Where the time goes"). Usage: npm run build && node bench/store-pg-cost.mjs [records]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ROOT, record } from './engine-setup.mjs';

const { startDemoPostgres } = await import(join(ROOT, 'dist/cli/demo-postgres.js'));
const { MIGRATIONS } = await import(join(ROOT, 'dist/engine/store/index.js'));
const { copyPredictionRow, PREDICTION_COLUMNS } = await import(join(ROOT, 'dist/engine/store/copy-rows.js'));
const N = Number(process.argv[2] ?? 100_000); // records; a small number only checks that it runs
const db = await startDemoPostgres();
if (!db) throw new Error('PostgreSQL 15 is not installed (Debian package postgresql-15)');
const c = new pg.Client({ connectionString: db.url });
await c.connect();
try {
  const pid = (await c.query('SELECT pg_backend_pid() AS p')).rows[0].p;
  const cpu = () => {
    const t = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = t.slice(t.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  const t0 = Date.now();
  const lines = Array.from(
    { length: N },
    (_, i) => `{"t":"p","ts":${t0 + i},"rec":${JSON.stringify(record(i, t0))}}`,
  );
  await c.query(MIGRATIONS[0].sql);
  await c.query("SELECT mmops_ensure_partitions('predictions', current_date - 1, current_date + 1)");
  await c.query('SET synchronous_commit = off');
  await c.query('CREATE TEMP TABLE lines (e jsonb) ON COMMIT DELETE ROWS');
  await c.query('CREATE TEMP TABLE lines_text (e text) ON COMMIT DELETE ROWS');
  const copy = (sql, text) => pipeline(Readable.from([Buffer.from(text)]), c.query(copyFrom(sql)));
  const COLS = `source, id, "timestamp", received_at, model, asset_class, features, prediction, confidence,
    latency_seconds, error_type, actual, actual_at, spread, spread_limit`;
  // the writer's SELECT (src/engine/store/write-batch.ts)
  const FROM_LINES = `SELECT 'src', r->>'id',
      coalesce(timestamptz 'epoch' + (r->>'ts')::float8 * interval '1 millisecond', received_at), received_at,
      r->>'model', r->>'asset_class', coalesce(r->'features', '{}'), r->'prediction', (r->>'confidence')::float8,
      (r->>'latency_seconds')::float8, r->>'error', r->'actual', CASE WHEN r ? 'actual' THEN received_at END,
      (r->>'spread')::float8, (r->>'spread_limit')::float8
    FROM lines, LATERAL (SELECT e->'rec' AS r,
      timestamptz 'epoch' + (e->>'ts')::float8 * interval '1 millisecond' AS received_at) x`;
  const typed = lines.map((l) => {
    const at = l.indexOf(',"rec":');
    return `src\t${copyPredictionRow(JSON.parse(l.slice(at + 7, -1)), Number(l.slice(14, at)))}`;
  });
  async function run(name, batch, size = 1000) {
    await c.query('TRUNCATE predictions');
    const c0 = cpu();
    const w0 = performance.now();
    for (let b = 0; b < N / size; b++) {
      await c.query('BEGIN');
      await batch(b * size, (b + 1) * size);
      await c.query('COMMIT');
    }
    const s = (performance.now() - w0) / 1000;
    console.log(
      `${name.padEnd(58)} ${(((cpu() - c0) / N) * 1e6).toFixed(1).padStart(5)} µs/row  (${Math.round(N / s)} rows/s)`,
    );
  }
  const stage = (a, z) => copy('COPY lines (e) FROM STDIN', `${lines.slice(a, z).join('\n')}\n`);
  const insert = (conflict) => async (a, z) => {
    await stage(a, z);
    await c.query(
      `INSERT INTO predictions (${COLS}) ${FROM_LINES}${conflict ? ' ON CONFLICT DO NOTHING' : ''}`,
    );
  };
  await run('COPY lines into a text stage only', (a, z) =>
    copy('COPY lines_text (e) FROM STDIN', `${lines.slice(a, z).join('\n')}\n`),
  );
  await run('COPY lines into a jsonb stage only', stage);
  await run('stage + INSERT ON CONFLICT DO NOTHING (PK, BRIN)', insert(true));
  await run('stage + plain INSERT (PK, BRIN): the writer', insert(false));
  await run('stage + plain INSERT, 5,000 a transaction', insert(false), 5000);
  await c.query('DROP INDEX predictions_timestamp_brin');
  await run('stage + plain INSERT, no BRIN', insert(false));
  await c.query('ALTER TABLE predictions DROP CONSTRAINT predictions_pkey');
  await run('stage + plain INSERT, no index at all', insert(false));
  await c.query(`ALTER TABLE predictions ADD PRIMARY KEY (source, id, "timestamp")`);
  const straight = (a, z) =>
    copy(
      `COPY predictions (source, ${PREDICTION_COLUMNS.map((x) => (x === 'ts' ? '"timestamp"' : x)).join(', ')}) FROM STDIN`,
      typed.slice(a, z).join(''),
    );
  await run('typed rows (fields parsed by the engine) COPY straight in', straight);
  const j0 = process.cpuUsage();
  for (const l of lines) JSON.parse(l);
  const j1 = process.cpuUsage(j0);
  console.log(
    `for comparison, the engine's JSON.parse of a line: ${((j1.user + j1.system) / N).toFixed(1)} µs`,
  );
} finally {
  await c.end();
  await db.stop();
}
