/**
 * What the console's bundle (scripts/bundle-console.mjs, built by the suite's global set-up) loads on every
 * start: what it leaves out is what each start no longer parses and runs (bench/README.md, "Console").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', '..', 'dist', 'console-bundle');

/** The source files esbuild put in the bundle (it heads each with a `// path` comment). */
function bundled(): Map<string, string> {
  const where = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/^\/\/ ((?:node_modules|dist)\/\S+)$/gm))
      where.set(m[1]!, file);
  }
  return where;
}

/** The files the console's entry loads statically, from bin/mmops.js's import on. */
function startFiles(): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(
      /^(?:import|export)\s[^;]*?from\s+"\.\/([^"]+)"|^import\s+"\.\/([^"]+)"/gms,
    ))
      visit((m[1] ?? m[2])!);
  };
  visit('console-entry.js');
  visit('run.js');
  return seen;
}

describe('the console bundle', () => {
  const where = bundled();
  const atStart = startFiles();
  const loadedAtStart = (source: string) => {
    const file = where.get(source);
    return file !== undefined && atStart.has(file);
  };

  it('is built, with Ink and the console in it', () => {
    expect(loadedAtStart('node_modules/ink/build/ink.js')).toBe(true);
    expect(loadedAtStart('dist/console/app.js')).toBe(true);
  });

  it("measures Ink's truncated texts with the remembered width, not string-width's segmenter", () => {
    const run = readFileSync(join(dir, 'run.js'), 'utf8');
    const from = run.indexOf('// node_modules/cli-truncate/');
    expect(from).toBeGreaterThan(0);
    const cliTruncate = run.slice(from, run.indexOf('\n// ', from + 1));
    expect(cliTruncate).toMatch(/stringWidthMemo\(text\)/);
  });

  it("measures and wraps Ink's texts with a bounded memory, not Ink's caches that grow without end", () => {
    expect(where.has('node_modules/ink/build/measure-text.js')).toBe(false);
    expect(where.has('node_modules/ink/build/wrap-text.js')).toBe(false);
    expect(loadedAtStart('dist/console/components/measure-text-memo.js')).toBe(true);
    expect(loadedAtStart('dist/console/components/wrap-text-memo.js')).toBe(true);
  });

  it("sanitizes Ink's texts through the memo, around Ink's own sanitizeAnsi", () => {
    expect(loadedAtStart('node_modules/ink/build/sanitize-ansi.js')).toBe(true);
    expect(loadedAtStart('dist/console/components/sanitize-ansi-memo.js')).toBe(true);
    const run = readFileSync(join(dir, 'run.js'), 'utf8');
    const from = run.indexOf('// node_modules/ink/build/squash-text-nodes.js');
    expect(from).toBeGreaterThan(0);
    const squash = run.slice(from, run.indexOf('\n// ', from + 1));
    const called = /return (\w+)\(text\);/.exec(squash)?.[1];
    expect(called).toBeDefined();
    expect(run).toMatch(new RegExp(`var ${called} = rememberedSanitize\\(`));
  });

  it('holds no email sender: the console sends no mail (nodemailer was 412 KB of every start)', () => {
    expect([...where.keys()].filter((s) => s.startsWith('node_modules/nodemailer/'))).toEqual([]);
  });

  it("keeps zod's English messages only (its other locales were 360 KB of every start)", () => {
    const locales = [...where.keys()].filter((s) => s.startsWith('node_modules/zod/v4/locales/'));
    expect(locales).toEqual(['node_modules/zod/v4/locales/en.js']);
  });
});
