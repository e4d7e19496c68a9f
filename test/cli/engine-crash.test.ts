/**
 * Durability through the real binary: `kill -9` the engine in the middle of ingest, restart it on the
 * same data dir, and every record the client saw acknowledged is there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openEventLog } from '../../src/engine/event-log/index.js';
import { records, tempDir } from '../engine/helpers/engine.js';
import { eventually, startEngineBinary } from './helpers/long-running.js';

const tmp = tempDir('mmops-crash-');
afterAll(() => tmp.remove());
const env = { HOME: tmp.dir, MONITORING_INTERVAL_SECONDS: '1', ALERT_CHECK_INTERVAL_SECONDS: '1' };
const BATCH = 200;

describe('mmops engine under kill -9', () => {
  it('keeps every acknowledged record', async () => {
    const args = ['--port', '0', '--data-dir', `${tmp.dir}/data`];
    const first = await startEngineBinary(args, env);
    const acked = new Set<string>();
    let sent = 0;
    let stop = false;
    const client = async (c: number) => {
      for (let b = 0; !stop && b < 20; b++) {
        const batch = records(BATCH, { prefix: `c${c}-b${b}` });
        const body = batch.map((r) => JSON.stringify(r)).join('\n');
        sent += BATCH;
        try {
          const res = await fetch(`${first.url}/api/v1/predictions`, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/x-ndjson' },
          });
          if (res.status === 200) for (const r of batch) acked.add(r.id);
        } catch {
          return; // the engine died under us: this batch was never acknowledged
        }
      }
    };
    const clients = [0, 1, 2].map(client);
    await eventually(async () => acked.size >= 2000, 15_000, 'some acknowledged batches');
    first.child.kill('SIGKILL'); // mid-ingest: the clients are still sending
    stop = true;
    await Promise.all(clients);
    expect((await first.child).signal).toBe('SIGKILL');
    expect(acked.size).toBeLessThanOrEqual(sent);

    const second = await startEngineBinary(args, env);
    try {
      let count = 0;
      await eventually(
        async () => {
          const r = (await (await fetch(`${second.url}/api/v1/report`)).json()) as {
            window: { records: number };
          };
          count = r.window.records;
          return count >= acked.size;
        },
        15_000,
        'the restarted engine to report the acknowledged records',
      );
      // Unacknowledged batches may or may not have reached the disk; acknowledged ones must have.
      expect(count).toBeLessThanOrEqual(acked.size + 3 * BATCH);
    } finally {
      second.child.kill('SIGTERM');
      expect((await second.child).exitCode).toBe(0);
    }
    const log = await openEventLog({ dir: `${tmp.dir}/data/events` });
    const onDisk = new Set<string>();
    await log.replay((e) => {
      if (e.t === 'p') onDisk.add(e.rec.id);
    });
    await log.close();
    const lost = [...acked].filter((id) => !onDisk.has(id));
    expect(lost).toEqual([]);
  });
});
