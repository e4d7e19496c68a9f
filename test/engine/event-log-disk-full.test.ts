/**
 * The event log under a full disk (issue 17, defect 9): a failed append reuses the open segment, no empty
 * segment is left behind, and empty segments found at start are removed. A real 2 MiB tmpfs, a real engine.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/index.js';
import { records, send, startTestEngine } from './helpers/engine.js';

const root = process.getuid?.() === 0;
const mnt = mkdtempSync(join(tmpdir(), 'mmops-diskfull-'));
const FILLER = join(mnt, 'filler');

/** Fills the filesystem to the last byte. */
function fill(): void {
  const { bavail, bsize } = statfsSync(mnt);
  try {
    writeFileSync(FILLER, Buffer.alloc(Number(bavail) * Number(bsize)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  expect(Number(statfsSync(mnt).bavail)).toBe(0);
}

/** The segment files in a data dir and their sizes. */
function segments(dataDir: string): { name: string; size: number }[] {
  const dir = join(dataDir, 'events');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.startsWith('events-'))
    .map((name) => ({ name, size: statSync(join(dir, name)).size }));
}

// Mounting needs root (CI runs as root); elsewhere the test says why it did not run.
describe.skipIf(!root)('event log on a full disk (tmpfs)', () => {
  let engine: RunningEngine | undefined;
  beforeAll(() => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]);
  });
  afterAll(async () => {
    await engine?.close();
    execFileSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });
  const post = (prefix: string) =>
    send(`${engine!.url}/api/v1/predictions`, JSON.stringify(records(20, { prefix })));

  it('failed appends reuse the open segment, and the log goes on in it once space is back', async () => {
    const dataDir = join(mnt, 'a');
    mkdirSync(dataDir);
    engine = await startTestEngine(dataDir);
    expect((await post('before')).status).toBe(200);
    const before = segments(dataDir);
    expect(before).toHaveLength(1);
    fill();
    for (let i = 0; i < 30; i++) {
      const r = await post(`full${i}`);
      expect(r.status).toBe(503);
      expect(String((r.json as { error: string }).error)).toMatch(/ENOSPC/);
    }
    // One segment, as before the outage, holding exactly what was acknowledged.
    expect(segments(dataDir)).toEqual(before);
    rmSync(FILLER);
    expect((await post('after')).status).toBe(200);
    expect(segments(dataDir).map((s) => s.name)).toEqual(before.map((s) => s.name));
    await engine.close();
    engine = await startTestEngine(dataDir);
    expect(engine.replayed).toBe(40);
    await engine.close();
    engine = undefined;
  });

  it('a log whose first append fails leaves no empty segment behind', async () => {
    const dataDir = join(mnt, 'b');
    mkdirSync(dataDir);
    engine = await startTestEngine(dataDir);
    fill();
    for (let i = 0; i < 20; i++) expect((await post(`full${i}`)).status).toBe(503);
    expect(segments(dataDir).length).toBeLessThanOrEqual(1); // the one it keeps trying
    await engine.close();
    engine = undefined;
    expect(segments(dataDir)).toEqual([]);
    rmSync(FILLER);
  });
});

describe('empty segments found at start', () => {
  it('are removed, and the others replayed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mmops-empty-segs-'));
    try {
      let engine = await startTestEngine(dataDir);
      expect((await send(`${engine.url}/api/v1/predictions`, JSON.stringify(records(5)))).status).toBe(200);
      await engine.close();
      const kept = segments(dataDir).map((s) => s.name);
      const t = Date.now();
      for (let i = 0; i < 5; i++) writeFileSync(join(dataDir, 'events', `events-${t + 1000 + i}.ndjson`), '');
      expect(segments(dataDir)).toHaveLength(6);
      engine = await startTestEngine(dataDir);
      expect(engine.replayed).toBe(5);
      expect(segments(dataDir).map((s) => s.name)).toEqual(kept);
      await engine.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
