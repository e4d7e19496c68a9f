/**
 * The shipped runbooks' SQL steps against a store the engine filled, on a real PostgreSQL 15: the guide's
 * request volume, the slowest minutes, accuracy by day and model, actuals' arrival, the weekly cleanup
 * (which reports what it dropped), and the StoreLagging runbook's checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../../src/engine/index.js';
import { parseRunbookFile, RunSession } from '../../../src/runbook/index.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { mmops } from '../../helpers/run-cli.js';
import { ROOT, realDeps, unattended } from '../../runbook/helpers.js';
import { records, send, tempDir } from '../helpers/engine.js';
import { storeEngine, until } from './store-helpers.js';

let db: TestPostgres;
let tmp: ReturnType<typeof tempDir>;
let engine: RunningEngine;
const DAY = 86_400_000;

beforeAll(async () => {
  db = await startPostgres({ seed: false });
  tmp = tempDir();
  engine = await storeEngine(tmp.dir, db.url);
  // 200 predictions, 180 with their actual (9 in 10 right); latency 10-19 ms
  const batch = records(200, { prefix: 'q' });
  expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(batch))).status).toBe(200);
  const actuals = batch
    .slice(0, 180)
    .map((r, i) => ({ id: r.id, actual: i % 10 === 0 ? 'flat' : r.prediction }));
  expect((await send(`${engine.url}/api/v1/actuals`, JSON.stringify(actuals))).status).toBe(200);
  await until(
    async () => (await db.query('SELECT count(actual)::int AS n FROM predictions')).rows[0].n,
    (n) => n === 180,
  );
}, 60_000);
afterAll(async () => {
  await engine?.close();
  tmp?.remove();
  await db?.stop();
});

const session = (id: string, params: Record<string, string> = {}) => {
  const rb = parseRunbookFile(join(ROOT, 'runbooks', `${id}.md`));
  const s = new RunSession(rb, {
    operator: unattended,
    deps: realDeps(),
    env: { PATH: process.env.PATH, DATABASE_URL: db.url, MMOPS_ENGINE_URL: engine.url },
    params,
  });
  return { step: (title: string) => s.run(rb.steps.findIndex((x) => x.title === title)) };
};

describe("the runbooks' SQL on the store", () => {
  it('high-latency: request volume per minute and the slowest minutes', async () => {
    const s = session('high-latency');
    const volume = await s.step('Review request volume');
    expect(volume).toMatchObject({ status: 'PASS', kind: 'sql' });
    expect(volume.stdout.split('\n')[0]).toBe('count\tminute');
    const total = volume.stdout
      .split('\n')
      .slice(1)
      .reduce((n, l) => n + Number(l.split('\t')[0]), 0);
    expect(total).toBe(200);
    const slow = await s.step('Slowest minutes');
    expect(slow.status).toBe('PASS');
    expect(slow.stdout.split('\n')[0]).toBe('p95_seconds\tminute\trequests');
    expect(Number(slow.stdout.split('\n')[1]!.split('\t')[0])).toBeCloseTo(0.019, 3);
  });

  it('weekly: accuracy by day and model, and how many actuals arrived', async () => {
    const s = session('weekly');
    const acc = await s.step('Accuracy by day and model');
    expect(acc.status).toBe('PASS');
    const [accuracy, , model, scored] = acc.stdout.split('\n')[1]!.split('\t');
    expect([Number(accuracy), model, Number(scored)]).toEqual([0.9, 'm1', 180]);
    // the predictions are seconds old: "up to 5 minutes ago" leaves none, so the step has no data
    expect((await s.step('Actuals: how many arrived, and how late')).status).toBe('SKIPPED');
    await db.query(`UPDATE predictions SET "timestamp" = "timestamp" - interval '10 minutes'`);
    const arrived = await s.step('Actuals: how many arrived, and how late');
    expect(arrived.status).toBe('PASS');
    expect(Number(arrived.stdout.split('\n')[1]!.split('\t')[0])).toBe(0.9);
  });

  it('weekly: the cleanup calls cleanup_old_metrics() and lists the partitions it dropped', async () => {
    const old = new Date(Date.now() - 45 * DAY).toISOString().slice(0, 10);
    await db.query("SELECT mmops_ensure_partitions('predictions', $1::date, $1::date)", [old]);
    await db.query("SELECT mmops_ensure_partitions('metrics', $1::date, $1::date)", [old]);
    const step = await session('weekly', { retention_days: '30' }).step('Clean up old metrics');
    expect(step.status).toBe('PASS');
    const rows = step.stdout
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[0]);
    const compact = old.replaceAll('-', '');
    expect(rows.sort()).toEqual([`metrics_p${compact}`, `predictions_p${compact}`]);
    const again = await session('weekly', { retention_days: '30' }).step('Clean up old metrics');
    expect(again).toMatchObject({ status: 'PASS', reason: 'no data' });
  });

  it("store-lagging: the engine's store check, the checkpoint, the writer's connection, partitions ahead", async () => {
    const s = session('store-lagging');
    expect((await s.step("The engine's view of the store")).status).toBe('PASS');
    const cp = await s.step("Each engine's checkpoint");
    expect(cp.status).toBe('PASS');
    expect(cp.stdout).toContain(readFileSync(join(tmp.dir, 'store-source'), 'utf8').trim());
    expect((await s.step('Is the writer connected')).status).toBe('PASS');
    expect((await s.step('Lock waits')).status).toBe('PASS');
    expect((await s.step('Partitions made ahead')).status).toBe('PASS');
  });

  it('mmops diag store answers the same questions, exit 1 on a finding', async () => {
    const ok = await mmops(['diag', 'store', '--json'], { DATABASE_URL: db.url });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.stdout);
    expect(doc.accuracyByDay).toEqual([expect.objectContaining({ model: 'm1', accuracy: 0.9, scored: 180 })]);
    expect(doc.actuals).toMatchObject({ predictions: 200, arrived_share: 0.9 });
    expect(doc.volume.reduce((n: number, r: { requests: number }) => n + r.requests, 0)).toBe(200);
    expect(doc.slowest[0].p95_seconds).toBeCloseTo(0.019, 3);
    expect(doc.findings).toEqual([]);
    await db.query(`UPDATE predictions SET actual = '"flat"' WHERE actual IS NOT NULL AND id < 'q-5'`);
    const bad = await mmops(['diag', 'store'], { DATABASE_URL: db.url });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^critical: accuracy of m1 on \d{4}-\d\d-\d\d is 0\.\d+$/m);
  });
});
