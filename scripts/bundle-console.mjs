#!/usr/bin/env node
/**
 * Bundles the full-screen console (dist/console/run.js, with Ink, React and their dependencies) and its
 * command-line entry (dist/cli/console-entry.js) into dist/console-bundle/. Why: Node 20 has no compile cache, and loading Ink's ~700 module files took
 * 0.6-1 s of the console's first frame; one bundled file loads in ~0.2 s and holds ~24 MB less
 * (bench/README.md, "Console"). dist/console/index.js loads the bundle, and falls back to the plain
 * modules when it is absent (tests run from the TypeScript sources).
 *
 * dist/console-bundle/ sits at the same depth as dist/config/, so config/load's path to
 * config/default.yaml (relative to import.meta.url) still resolves.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { inkBundleOptions, inkFramePlugin } from './ink-bundle.mjs';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist', 'console-bundle');
rmSync(outdir, { recursive: true, force: true });

// The console uses two helpers of the config and runbook rooms (parseDuration, routineStatus) through their
// index.ts, which also re-exports the zod schemas and the YAML parser: 734 + 254 KB of the bundle's 2 MB,
// parsed on every start though the CLI has already loaded its own copy. Those rooms' modules only declare
// things, so the bundler may drop what the console does not use: the bundle is 1 MB, loads ~100 ms sooner
// and holds ~10 MB less (bench/README.md, "Console"). The alerting and monitor rooms likewise: the console's
// alert context needs their rule specs and levels, not the email notifier, whose nodemailer (412 KB, and the
// http, tls, dns and zlib it loads) every console start parsed and ran.
const declarativeRooms = {
  name: 'declarative-rooms',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (a) => {
      const path = join(a.resolveDir, a.path);
      return /[\\/]dist[\\/](config|runbook|alerting|monitor)[\\/]/.test(path)
        ? { path, sideEffects: false }
        : undefined;
    });
  },
};

// zod re-exports all of its ~50 message locales as `z.locales`: 360 KB of the bundle's config chunk, parsed
// on every start. Nothing here calls z.locales or z.config (the English messages zod sets itself, by its
// own import of locales/en.js, are all the console and the CLI print), so the namespace keeps English only.
const zodLocales = {
  name: 'zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(a.resolveDir)
        ? { path: join(a.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (a) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: join(a.path, '..'),
    }));
  },
};

await build({
  // run.js: the app (console/index.ts loads it); console-entry.js: `mmops console` from bin/mmops.js, with
  // the config's cache and the runbooks (cli/console-entry.ts). Flat names: both at the same depth.
  entryPoints: {
    run: join(root, 'dist', 'console', 'run.js'),
    'console-entry': join(root, 'dist', 'cli', 'console-entry.js'),
  },
  outdir,
  ...inkBundleOptions,
  // the CLI sets NODE_ENV for its unbundled path too; inside the bundle that assignment is moot, not a bug
  logOverride: { 'assign-to-define': 'silent' },
  plugins: [declarativeRooms, inkFramePlugin(root), zodLocales],
  logLevel: 'warning',
});
