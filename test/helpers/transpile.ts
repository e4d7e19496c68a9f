/**
 * Builds source modules and every relative module they import, file by file with TypeScript's
 * transpileModule, into a temp dir laid out like dist/: what a worker thread needs, since Node 20 cannot
 * load a .ts worker (used by the drift and ingest worker tests).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const srcRoot = fileURLToPath(new URL('../../src/', import.meta.url));

/** Transpiles `entries` (paths under src/) into a new temp dir; returns it and its remover. */
export function transpileToTemp(entries: string[]): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mmops-transpiled-'));
  // The temp dir is outside the package: mark it ESM like package.json's "type": "module".
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  const todo = entries.map((e) => join(srcRoot, e));
  const seen = new Set<string>();
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    });
    const dest = join(dir, relative(srcRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, outputText);
    for (const m of outputText.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
      todo.push(resolve(dirname(file), `${m[1]}.ts`));
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
