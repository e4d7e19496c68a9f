/**
 * The store's versioned schema: each migration runs once, in order, recorded in `schema_migrations`.
 * Append new versions; never edit one that has shipped (an applied version is never run again).
 */

/** One schema version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// A lock key of our own (any bigint): migrations and partition changes of several engines sharing one
// database take it, so two engines never create or drop the same partition at once.
export const SCHEMA_LOCK = 7_316_450_013;

const v1 = `
-- The market-maker guide's predictions table (its "Review request volume" query reads "timestamp"), one row
-- per accepted record. timestamptz, not the guide's TIMESTAMP: day partitions then mean UTC days whatever
-- the session's time zone. (source, id, timestamp) is the key: a partitioned table's unique key must hold
-- the partition column, and source keeps the ids of engines sharing one database apart.
CREATE TABLE predictions (
  source text NOT NULL,
  id text NOT NULL,
  "timestamp" timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  model text,
  asset_class text,
  features jsonb NOT NULL,
  prediction jsonb,
  confidence double precision,
  latency_seconds double precision,
  error_type text,
  actual jsonb,
  actual_at timestamptz,
  spread double precision,
  spread_limit double precision,
  PRIMARY KEY (source, id, "timestamp")
) PARTITION BY RANGE ("timestamp");
-- BRIN: per-minute questions read a time range of today's partition; tiny and cheap to keep on append.
CREATE INDEX predictions_timestamp_brin ON predictions USING brin ("timestamp");

-- The guide's metrics_partition, under the name its cleanup_old_metrics() deletes from: each evaluation's
-- figures, one row per figure.
CREATE TABLE metrics (
  source text NOT NULL,
  "timestamp" timestamptz NOT NULL,
  metric_name text NOT NULL,
  value double precision,
  labels jsonb NOT NULL DEFAULT '{}'
) PARTITION BY RANGE ("timestamp");
CREATE INDEX metrics_name_timestamp ON metrics (metric_name, "timestamp");

-- How far each engine's writer has copied its event log: moved in the same transaction as the rows.
CREATE TABLE store_checkpoints (
  source text PRIMARY KEY,
  segment text NOT NULL,
  byte_offset bigint NOT NULL,
  entries bigint NOT NULL,
  log_ts timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One partition a UTC day for each day from first_day to last_day; returns the partitions it created.
CREATE FUNCTION mmops_ensure_partitions(parent text, first_day date, last_day date)
RETURNS SETOF text LANGUAGE plpgsql AS $fn$
DECLARE
  d date;
  part text;
BEGIN
  FOR d IN SELECT generate_series(first_day, last_day, interval '1 day')::date LOOP
    part := parent || '_p' || to_char(d, 'YYYYMMDD');
    CONTINUE WHEN to_regclass(quote_ident(part)) IS NOT NULL;
    PERFORM pg_advisory_xact_lock(${SCHEMA_LOCK}); -- only when creating: the common case takes no lock
    IF to_regclass(quote_ident(part)) IS NULL THEN -- another engine may have created it meanwhile
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent,
        d::timestamp AT TIME ZONE 'UTC', (d + 1)::timestamp AT TIME ZONE 'UTC');
      RETURN NEXT part;
    END IF;
  END LOOP;
END
$fn$;

-- The guide's cleanup_old_metrics(), fixed: it dropped rows from "metrics" while creating "metrics_partition",
-- and deleted row by row. This drops whole day partitions of metrics and predictions whose every row is older
-- than keep (no dead rows, no vacuum), and returns each one it dropped.
CREATE FUNCTION cleanup_old_metrics(keep interval DEFAULT interval '30 days')
RETURNS TABLE (dropped text, parent text, up_to timestamptz) LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
BEGIN
  PERFORM pg_advisory_xact_lock(${SCHEMA_LOCK});
  FOR r IN
    SELECT c.relname::text AS child, p.relname::text AS par,
      substring(pg_get_expr(c.relpartbound, c.oid) FROM $re$TO \\('([^']+)'\\)$re$)::timestamptz AS upper_bound
    FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname IN ('predictions', 'metrics')
      AND p.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
    ORDER BY 3, 1
  LOOP
    IF r.upper_bound IS NOT NULL AND r.upper_bound <= now() - keep THEN
      EXECUTE format('DROP TABLE %I', r.child);
      dropped := r.child;
      parent := r.par;
      up_to := r.upper_bound;
      RETURN NEXT;
    END IF;
  END LOOP;
END
$fn$;
`;

/** Every schema version, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'predictions, metrics, checkpoints', sql: v1 },
];
