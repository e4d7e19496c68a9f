import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventLog } from '../../src/engine/event-log/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/engine/append-loop.mjs');
const PER_BATCH = 50;
let buildDir: string;
let logDir: string;

// The child needs JavaScript. Compiling just the event log (and what it imports) into a private directory
// keeps the test independent of the shared dist/ and of unrelated files that may not compile yet. The
// directory sits under node_modules/.cache so that the compiled code still resolves its dependencies.
beforeAll(async () => {
  const cache = join(ROOT, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  buildDir = await mkdtemp(join(cache, 'mmops-event-log-'));
  logDir = await mkdtemp(join(buildDir, 'log-'));
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const args = ['--outDir', buildDir, '--rootDir', join(ROOT, 'src'), '--module', 'nodenext'];
  args.push('--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck');
  await promisify(execFile)(process.execPath, [
    tsc,
    ...args,
    join(ROOT, 'src/engine/event-log/index.ts'),
  ]).catch(
    () => {}, // type errors elsewhere still emit; the check below is what matters
  );
  if (!existsSync(join(buildDir, 'engine/event-log/index.js'))) throw new Error('event log did not compile');
});
afterAll(async () => {
  if (buildDir) await rm(buildDir, { recursive: true, force: true });
});

/** Runs the fixture until it has acknowledged `acks` batches, then kill -9s it; returns the acked ids. */
function runAndKill(run: number, acks: number): Promise<{ acked: string[]; signal: NodeJS.Signals | null }> {
  const moduleUrl = pathToFileURL(join(buildDir, 'engine/event-log/index.js')).href;
  const child = spawn(process.execPath, [FIXTURE, logDir, moduleUrl], {
    env: { ...process.env, PER_BATCH: String(PER_BATCH), RUN: String(run) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked: string[] = [];
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const l of lines) acked.push(`${run}:${l}`);
    if (acked.length >= acks && child.exitCode === null) child.kill('SIGKILL');
  });
  // 'close' fires after stdout has drained: every id the child wrote before dying is in `acked`.
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (_code, signal) => done({ acked, signal }));
  });
}

describe('event log crash safety (real child process, kill -9)', () => {
  it('replays every batch acknowledged before the kill', { timeout: 120_000 }, async () => {
    const allAcked = new Set<string>();
    for (const [run, acks] of [5, 60, 200].entries()) {
      const { acked, signal } = await runAndKill(run, acks);
      expect(signal).toBe('SIGKILL');
      expect(acked.length).toBeGreaterThanOrEqual(acks);
      for (const b of acked) allAcked.add(b);

      const log = await openEventLog({ dir: logDir });
      const perBatch = new Map<string, number>();
      const stats = await log.replay((e) => {
        if (e.t !== 'p') return;
        const batch = e.rec.id.slice(0, e.rec.id.lastIndexOf('-'));
        perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
      });
      await log.close();
      expect(stats.corruptLines).toBe(0);
      expect(stats.tornLines).toBeLessThanOrEqual(1); // earlier runs' torn tails were cut off by earlier replays
      const missing = [...allAcked].filter((b) => perBatch.get(b) !== PER_BATCH);
      expect(missing).toEqual([]);
    }
  });
});
