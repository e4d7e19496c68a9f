/** Day partitions: created before rows need them and ahead of time, dropped whole past the retention. */
import type pg from 'pg';

const TABLES = ['predictions', 'metrics'] as const;
/** Days created ahead of today, so that a write at midnight never waits on DDL. */
export const DAYS_AHEAD = 3;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Creates the partitions of `days` (YYYY-MM-DD) in both tables, skipping days already in `known`. */
export async function ensureDays(
  client: pg.ClientBase,
  days: Set<string>,
  known: Set<string>,
): Promise<void> {
  for (const d of days) {
    const key = d.replaceAll('-', '');
    if (known.has(key)) continue;
    for (const t of TABLES)
      await client.query('SELECT mmops_ensure_partitions($1, $2::date, $2::date)', [t, d]);
    known.add(key);
  }
}

/** Creates yesterday's to DAYS_AHEAD days ahead's partitions (UTC); returns those it created. */
export async function ensureDaysAhead(client: pg.ClientBase, now: number): Promise<string[]> {
  const created: string[] = [];
  for (const t of TABLES) {
    const r = await client.query<{ p: string }>(
      'SELECT mmops_ensure_partitions($1, $2::date, $3::date) AS p',
      [t, isoDay(now - 86_400_000), isoDay(now + DAYS_AHEAD * 86_400_000)],
    );
    created.push(...r.rows.map((x) => x.p));
  }
  return created;
}

/** Runs cleanup_old_metrics for `retentionDays` (may be fractional); returns the partitions it dropped. */
export async function dropExpired(client: pg.ClientBase, retentionDays: number): Promise<string[]> {
  const r = await client.query<{ dropped: string }>(
    "SELECT dropped FROM cleanup_old_metrics($1::float8 * interval '1 day')",
    [retentionDays],
  );
  return r.rows.map((x) => x.dropped);
}
