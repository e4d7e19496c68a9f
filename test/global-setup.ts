/**
 * Builds dist/ once before the suite: CLI tests run the real compiled binary, never stale JS. And gives the
 * run a temp directory of its own, removed at the end: the tests make theirs with mkdtemp(tmpdir()) at
 * module load and several never removed them (2,152 mmops-home-* directories had piled up in /tmp).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  build();
  const runTmp = mkdtempSync(join(tmpdir(), 'mmops-suite-'));
  // the PostgreSQL tests run initdb as the postgres user, in directories under this one
  chmodSync(runTmp, 0o755);
  const before = process.env.TMPDIR;
  // the workers start after this and inherit it, and so does every process they start
  process.env.TMPDIR = runTmp;
  const teardown = () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
  };
  return teardown;
}

function build(): void {
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
