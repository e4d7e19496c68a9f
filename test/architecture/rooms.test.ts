import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md's room table: which rooms each room may import. console may also import engine/monitor types.
const ALLOWED: Record<string, string[]> = {
  config: [],
  monitor: ['config'],
  alerting: ['config', 'monitor'],
  engine: ['config', 'monitor', 'alerting'],
  sources: ['config'],
  runbook: ['config', 'sources'],
  console: ['config', 'sources', 'runbook'],
  sim: ['config'],
  cli: ['config', 'monitor', 'alerting', 'engine', 'sources', 'runbook', 'console', 'sim'],
};
const TYPE_ONLY: Record<string, string[]> = { console: ['engine', 'monitor'] };

const src = join(import.meta.dirname, '..', '..', 'src');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}
const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/gm;

describe('imports flow one way (DESIGN.md rooms)', () => {
  const all = files(src);
  it('finds the rooms', () => {
    expect(all.length).toBeGreaterThan(20);
  });
  for (const file of all) {
    const room = relative(src, file).split(sep)[0]!;
    it(relative(src, file), () => {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const target = relative(src, resolve(file, '..', m[3]!)).split(sep);
        const other = target[0]!;
        if (other === room) continue;
        const typeOnly = m[2] !== undefined;
        const ok = ALLOWED[room]?.includes(other) || (typeOnly && TYPE_ONLY[room]?.includes(other));
        expect(ok, `${room} imports ${other} (${m[3]})`).toBe(true);
        // another room is entered through its index.ts only
        expect(target.slice(1).join('/'), `${m[3]} should be ${other}/index.js`).toBe('index.js');
      }
    });
  }
});
