/**
 * How the console's Ink is bundled: the esbuild options, and the plugin that puts the console's own frame
 * grid and text measures in place of Ink's. For the console's bundle (scripts/bundle-console.mjs) and for the
 * floor the console bench measures against (bench/console-floor-app.mjs): both then draw with the very same
 * Ink.
 *
 * Ink builds a fresh frame grid (its build/output.js) for every frame and forgets it: the console's grid
 * (src/console/components/frame-output.ts) takes the same calls, gives the same frame (checked against Ink's
 * on generated frames by test/console/frame-output.test.ts) and remembers lines and rows between frames,
 * which was most of the console's idle CPU (bench/README.md, "Console"); Ink's widest-line is swapped for
 * the same measure, remembered (src/console/components/text-width.ts), and its text measure, wrap and
 * sanitize for the same with a bounded memory (measure-text-memo.ts, wrap-text-memo.ts,
 * sanitize-ansi-memo.ts). It follows Ink 6.8's Output: a
 * different Ink stops the build here rather than drawing something else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How an Ink app is bundled for Node here: the console's bundle and the bench's floor take the same. */
export const inkBundleOptions = {
  bundle: true,
  // Ink imports its devtools lazily; splitting keeps that import (and react-devtools-core, which is not
  // installed) in a chunk that loads only with DEV=true.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies (React) call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __mmopsRequire } from 'node:module'; const require = __mmopsRequire(import.meta.url);",
  },
};

/** The plugin, for the checkout at `root` (its node_modules/ink and its built dist/console/components). */
export function inkFramePlugin(root) {
  const inkVersion = JSON.parse(
    readFileSync(join(root, 'node_modules', 'ink', 'package.json'), 'utf8'),
  ).version;
  if (!/^6\.8\./.test(inkVersion))
    throw new Error(
      `scripts/ink-bundle.mjs: src/console/components/frame-output.ts follows Ink 6.8's Output; ink is ${inkVersion}: check build/output.js against it`,
    );
  const components = join(root, 'dist', 'console', 'components');
  return {
    name: 'frame-output',
    setup(b) {
      b.onResolve({ filter: /^\.\/output\.js$/ }, (a) =>
        /[\\/]ink[\\/]build[\\/]renderer\.js$/.test(a.importer)
          ? { path: join(components, 'frame-output.js') }
          : undefined,
      );
      // string-width in cli-truncate, which Ink calls for every truncated text it lays out: remembered too
      b.onResolve({ filter: /^string-width$/ }, (a) =>
        /[\\/]cli-truncate[\\/]/.test(a.importer)
          ? { path: join(components, 'string-width-memo.js') }
          : undefined,
      );
      // Ink's text measure and wrap remember every text they ever saw, in a Map and an object never emptied:
      // the same answers, with a memory that stays bounded however long the console runs
      b.onResolve({ filter: /^\.\/(measure|wrap)-text\.js$/ }, (a) =>
        /[\\/]ink[\\/]build[\\/]/.test(a.importer)
          ? { path: join(components, a.path.replace(/^\.\/(measure|wrap)-text\.js$/, '$1-text-memo.js')) }
          : undefined,
      );
      // Ink's sanitizeAnsi, which runs on every text node of every frame: the same answers, remembered
      // (sanitize-ansi-memo.ts); the memo wraps Ink's own function, loaded from a module of its own
      b.onResolve({ filter: /^\.\/sanitize-ansi\.js$/ }, (a) =>
        /[\\/]ink[\\/]build[\\/]squash-text-nodes\.js$/.test(a.importer)
          ? { path: join(a.resolveDir, 'sanitize-ansi.js'), namespace: 'ink-sanitize-memo' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'ink-sanitize-memo' }, (a) => ({
        contents: [
          `import sanitizeAnsi from ${JSON.stringify(a.path)};`,
          `import { rememberedSanitize } from ${JSON.stringify(join(components, 'sanitize-ansi-memo.js'))};`,
          'export default rememberedSanitize(sanitizeAnsi);',
        ].join('\n'),
        resolveDir: components,
      }));
      // widest-line, which Ink calls on every text node of every frame: the same answer, remembered
      b.onResolve({ filter: /^widest-line$/ }, (a) =>
        /[\\/]ink[\\/]build[\\/]/.test(a.importer) ? { path: join(components, 'text-width.js') } : undefined,
      );
    },
  };
}
