import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunbookFile, RunSession } from '../../src/runbook/index.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { ROOT, realDeps, run, runbook, unattended } from './helpers.js';

// A real PostgreSQL 15, started for this file; a missing binary fails the suite (never a skip).
let pg: TestPostgres;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
});

const env = () => ({ PATH: process.env.PATH, DATABASE_URL: pg.url });

describe('sql steps against a real PostgreSQL', () => {
  it("runs the guide's request-volume and pg_stat_activity queries from the shipped runbook", async () => {
    const rb = parseRunbookFile(join(ROOT, 'runbooks', 'high-latency.md'));
    const session = new RunSession(rb, { operator: unattended, deps: realDeps(), env: env() });
    const at = (title: string) => rb.steps.findIndex((s) => s.title === title);
    const volume = await session.run(at('Review request volume'));
    expect(volume).toMatchObject({ status: 'PASS', kind: 'sql' });
    const lines = volume.stdout.split('\n');
    expect(lines[0]).toBe('count\tminute');
    expect(lines).toHaveLength(11);
    // the newest minute is the busiest: 12 rows, then 11, ...
    expect(lines.slice(1).map((l) => Number(l.split('\t')[0]))).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    const activity = await session.run(at('Check database performance'));
    expect(activity.status).toBe('PASS');
    expect(activity.stdout.split('\n')[0]).toMatch(/^datid\tdatname\tpid\t/);
    expect((await session.run(at('Lock waits'))).status).toBe('PASS');
    expect((await session.run(at('Long-running queries'))).status).toBe('PASS');
  });

  it('judges the first column and the row count', async () => {
    const rb = runbook(
      [
        '## count\n```sql {"expect": {"equals": 78}}\nSELECT count(*) FROM predictions\n```',
        '## rows\n```sql {"expect": {"rows": {"atMost": 5}}}\nSELECT * FROM predictions LIMIT 6\n```',
        '## none\n```sql {"expect": {"below": 1}}\nSELECT 1 WHERE false\n```',
      ].join('\n'),
      'continueOnFail: true\n',
    );
    const { record } = await run(rb, { env: env() });
    expect(record.steps.map((s) => [s.status, s.reason])).toEqual([
      ['PASS', '78'],
      ['FAIL', 'rows: 6, above the maximum 5'],
      ['WARN', 'no data'],
    ]);
  });

  it('is read-only unless the step asks for a typed confirmation', async () => {
    const rb = runbook(
      '## ro\n```sql\nDELETE FROM predictions WHERE id < 0\n```\n## rw\n```sql {"confirm": "delete"}\nDELETE FROM predictions WHERE id < 0\n```\n',
      'continueOnFail: true\n',
    );
    const { record } = await run(rb, { env: env() });
    expect(record.steps[0]!.status).toBe('FAIL');
    expect(record.steps[0]!.reason).toMatch(/read-only transaction/);
    expect(record.steps[1]!.status).toBe('PASS');
  });

  it('binds args as values, never as SQL text', async () => {
    const rb = runbook(
      '## bound\n```sql {"args": ["MMOPS_PARAM_MODEL"], "expect": {"equals": 0}}\nSELECT count(*) FROM predictions WHERE model = $1\n```\n',
      `params:\n  model: "x'; DROP TABLE predictions; --"\n`,
    );
    expect((await run(rb, { env: env() })).step).toMatchObject({ status: 'PASS', reason: '0' });
    expect((await pg.query('SELECT count(*)::int AS n FROM predictions')).rows[0].n).toBe(78);
  });

  it('SKIPs without DATABASE_URL and FAILs on a bad query', async () => {
    const rb = runbook('## q\n```sql\nSELECT nope FROM nowhere\n```\n');
    expect((await run(rb)).step).toMatchObject({ status: 'SKIPPED', reason: 'no DATABASE_URL' });
    const bad = await run(rb, { env: env() });
    expect(bad.step.status).toBe('FAIL');
    expect(bad.step.reason).toMatch(/^query failed: relation "nowhere" does not exist/);
  });
});
