/** Builds dist/ once before the suite: CLI tests run the real compiled binary, never stale JS. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  // MMOPS_SKIP_BUILD=1 reuses the current dist/ (a quicker edit-test loop on one room).
  if (process.env.MMOPS_SKIP_BUILD === '1') return;
  const root = join(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  // the console bundle too: the tmux tests run the real binary, which loads it
  execFileSync(process.execPath, [join(root, 'scripts/bundle-console.mjs')], { cwd: root, stdio: 'inherit' });
}
