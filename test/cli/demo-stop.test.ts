/** The demo's stop: every part at once, one line, a progress count while it takes long, failures said. */
import { describe, expect, it } from 'vitest';
import { stopParts } from '../../src/cli/demo-stop.js';

describe('stopParts', () => {
  it('stops all parts in parallel and counts progress while a slow one is left', async () => {
    const lines: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((r) => {
      release = r;
    });
    const order: string[] = [];
    const done = stopParts(
      [
        { name: 'engine', stop: async () => void order.push('engine') },
        { name: 'prometheus', stop: () => slow.then(() => void order.push('prometheus')) },
        {
          name: 'postgres',
          stop: async () => {
            throw new Error('pid file gone');
          },
        },
      ],
      (l) => lines.push(l),
      20,
    );
    // wait for a progress line (polling, no fixed sleep), then let the slow part go
    while (!lines.some((l) => l.startsWith('demo: stopped 2/3'))) await new Promise((r) => setTimeout(r, 5));
    release();
    await done;
    expect(lines[0]).toBe('demo: stopping engine, prometheus, postgres');
    expect(lines).toContain('demo: postgres did not stop cleanly: pid file gone');
    expect(lines.find((l) => l.startsWith('demo: stopped 2/3'))).toMatch(/waiting for prometheus$/);
    expect(lines.at(-1)).toMatch(/^demo: stopped 3\/3 in \d+\.\d s$/);
    expect(order).toEqual(['engine', 'prometheus']);
  });

  it('says what it stops and that it has, with no progress lines when it is quick', async () => {
    const lines: string[] = [];
    await stopParts([{ name: 'engine', stop: async () => {} }], (l) => lines.push(l), 5000);
    expect(lines).toEqual(['demo: stopping engine', 'demo: stopped 1/1 in 0.0 s']);
  });
});
