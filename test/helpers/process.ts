/** Processes as the tests see them from /proc and procps: alive or not, and what runs under one. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Whether `pid` runs (a zombie does not; one gone meanwhile does not either). */
export function alive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Every process under `pid`, with its command line (pgrep -P, level by level). */
export function descendants(pid: number): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  let level = [pid];
  while (level.length > 0) {
    let next: number[] = [];
    try {
      next = execFileSync('pgrep', ['-P', level.join(',')], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      next = []; // pgrep exits 1 when none matched
    }
    for (const c of next) {
      try {
        out.push({ pid: c, cmd: readFileSync(`/proc/${c}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() });
      } catch {
        // gone meanwhile
      }
    }
    level = next;
  }
  return out;
}
