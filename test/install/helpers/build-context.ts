/**
 * The Dockerfile's build context outside Docker: the repository's top-level entries minus those
 * .dockerignore names, copied into a temp dir, so the image's steps can run there as `docker build` would.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The root-level patterns of `.dockerignore` as matchers. Docker matches a pattern without a slash
 * against paths at the context root only, so `*.log` skips `./x.log` and keeps `./logs/x.log`.
 */
export function dockerIgnore(root: string): (name: string) => boolean {
  const file = join(root, '.dockerignore');
  const patterns = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  for (const [i, p] of patterns.entries()) {
    // negations and nested paths would need Docker's full matcher; fail loudly rather than copy wrongly
    if (p.startsWith('!') || p.includes('/')) {
      throw new Error(`${file}:${i + 1}: "${p}" is beyond this test's matcher (root-level names and * only)`);
    }
  }
  const regexes = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')}$`,
      ),
  );
  return (name) => regexes.some((r) => r.test(name));
}

/** Copies `only` (when given) or every entry the .dockerignore keeps from `root` into `dest`. */
export function copyContext(root: string, dest: string, only?: readonly string[]): void {
  const ignored = dockerIgnore(root);
  for (const name of only ?? readdirSync(root)) {
    if (!ignored(name))
      cpSync(join(root, name), join(dest, name), { recursive: true, verbatimSymlinks: true });
  }
}
