import { describe, expect, it } from 'vitest';
import { createMemoryBallast } from '../../src/sim/index.js';

const MB = 1024 * 1024;

describe('createMemoryBallast', () => {
  it('really holds the memory in this process', () => {
    const before = process.memoryUsage().arrayBuffers;
    const b = createMemoryBallast({ capBytes: 64 * MB, stepBytes: 16 * MB });
    for (let i = 0; i < 4; i++) b.grow();
    const held = process.memoryUsage().arrayBuffers - before;
    // First in the file, so no garbage of ours is collected meanwhile; still, allow some slack.
    expect(held).toBeGreaterThan(48 * MB);
    b.release();
  });

  it('grows by steps up to the cap and lets go on release', () => {
    const b = createMemoryBallast({ capBytes: 10 * MB, stepBytes: 4 * MB });
    expect([b.grow(), b.grow(), b.grow(), b.grow()]).toEqual([4 * MB, 8 * MB, 10 * MB, 10 * MB]);
    b.release();
    expect(b.bytes()).toBe(0);
    expect(b.grow()).toBe(4 * MB);
  });

  it('defaults to 200 MiB in 8 MiB steps', () => {
    const b = createMemoryBallast();
    expect(b.capBytes).toBe(200 * MB);
    expect(b.grow()).toBe(8 * MB);
    b.release();
  });
});
