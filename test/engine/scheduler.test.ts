/** The engine's one ticker: skips a tick while the previous run is going, reports failures, runs on demand. */
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/engine/scheduler.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createScheduler', () => {
  it('never overlaps a slow task with itself, and reports failures without stopping', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const errors: string[] = [];
    const s = createScheduler(
      [
        {
          name: 'slow',
          intervalMs: 10,
          run: async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            await sleep(35);
            active--;
            runs++;
          },
        },
        { name: 'bad', intervalMs: 10, run: async () => Promise.reject(new Error('boom')) },
      ],
      (task, err) => errors.push(`${task}: ${(err as Error).message}`),
    );
    s.start();
    await sleep(200);
    await s.stop();
    expect(maxActive).toBe(1);
    expect(runs).toBeGreaterThan(1);
    expect(runs).toBeLessThan(10);
    expect(errors.length).toBeGreaterThan(1);
    expect(errors[0]).toBe('bad: boom');
    await expect(s.runNow('bad')).rejects.toThrow('boom');
    await expect(s.runNow('nope')).rejects.toThrow('no task nope');
  });
});
