/**
 * Two demos starting at the same moment: each port goes to one of them (port-claims.ts). Real processes
 * (the built dist/) race for one preferred port, released at exit; stale and live claims on disk.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { claimPort } from '../../src/cli/port-claims.js';
import { waitUntil } from '../alerting/helpers/http.js';

const STACK = pathToFileURL(join(import.meta.dirname, '../../dist/cli/demo-stack.js')).href;

/** A port free now, as the kernel picks one. */
function kernelPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A process that says it is loaded (`<dir>/ready-<n>`), waits for `<dir>/go`, takes freePort(preferred),
 * writes it to `<dir>/port-<n>` and keeps it, as a demo's server would, until `<dir>/done`.
 */
function racer(dir: string, n: number, preferred: number): Promise<void> {
  const at = (f: string) => JSON.stringify(join(dir, f));
  const code = `
    const { existsSync, renameSync, writeFileSync } = await import('node:fs');
    const { freePort } = await import(${JSON.stringify(STACK)});
    // gives up after 30 s, so a failed test leaves no process behind
    const until = async (f, ms) => {
      const end = Date.now() + 30_000;
      while (!existsSync(f)) {
        if (Date.now() > end) process.exit(3);
        await new Promise((r) => setTimeout(r, ms));
      }
    };
    writeFileSync(${at(`ready-${n}`)}, '');
    await until(${at('go')}, 2); // released within a few ms of each other: the race the claims settle
    // written aside, then renamed: the test never reads a port file created but not yet written
    writeFileSync(${at(`port-${n}.part`)}, String(await freePort(${preferred})));
    renameSync(${at(`port-${n}.part`)}, ${at(`port-${n}`)});
    await until(${at('done')}, 20);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`racer exited ${c}`))));
  });
}

describe('freePort across processes', () => {
  it('four processes racing for one preferred port: one gets it, each a different port, claims gone at exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmops-race-'));
    const preferred = await kernelPort();
    const racers = [0, 1, 2, 3].map((n) => racer(dir, n, preferred));
    let ports: number[];
    try {
      // all four loaded and waiting at the line, then released together
      await waitUntil(() => readdirSync(dir).filter((f) => f.startsWith('ready-')).length === 4, 15_000);
      writeFileSync(join(dir, 'go'), '');
      const files = () => readdirSync(dir).filter((f) => /^port-\d$/.test(f));
      await waitUntil(() => files().length === 4, 15_000);
      ports = files().map((f) => Number(readFileSync(join(dir, f), 'utf8')));
    } finally {
      writeFileSync(join(dir, 'done'), '');
      await Promise.allSettled(racers);
    }
    await Promise.all(racers);
    rmSync(dir, { recursive: true, force: true });
    expect(new Set(ports).size).toBe(4);
    expect(ports.filter((p) => p === preferred)).toHaveLength(1);
    // the claims lived as long as their processes: none is left
    const claims = join(tmpdir(), `mmops-ports-${process.getuid?.() ?? 'user'}`);
    const left = existsSync(claims) ? readdirSync(claims).filter((f) => ports.includes(Number(f))) : [];
    expect(left).toEqual([]);
  });
});

describe('claimPort', () => {
  it('takes over a stale claim, respects a live one, and holds its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmops-claims-'));
    // a pid that no longer runs: a process that has exited
    const gone = spawn(process.execPath, ['-e', '']);
    const stalePid = await new Promise<number>((r) => gone.on('exit', () => r(gone.pid!)));
    writeFileSync(join(dir, '7001'), String(stalePid));
    expect(claimPort(7001, dir)).toBe(true);
    // a live process's claim (this test's parent, not this process)
    writeFileSync(join(dir, '7002'), String(process.ppid));
    expect(claimPort(7002, dir)).toBe(false);
    // a claim being written this instant (empty file) is held
    writeFileSync(join(dir, '7003'), '');
    expect(claimPort(7003, dir)).toBe(false);
    // this process's own claim, asked again
    expect(claimPort(7001, dir)).toBe(true);
    // an empty claim older than the 2 s a write may take: left by a process that died writing it
    writeFileSync(join(dir, '7004'), '');
    const old = new Date(Date.now() - 5000);
    utimesSync(join(dir, '7004'), old, old);
    expect(claimPort(7004, dir)).toBe(true);
    expect(readFileSync(join(dir, '7004'), 'utf8')).toBe(String(process.pid));
    // a claims dir others can write is refused, naming it
    const open = mkdtempSync(join(tmpdir(), 'mmops-claims-open-'));
    chmodSync(open, 0o777);
    expect(() => claimPort(7005, open)).toThrow(`${open}: the demo's port claims need a directory`);
    rmSync(dir, { recursive: true, force: true });
    rmSync(open, { recursive: true, force: true });
  });
});
