/** `du -s` for a few directories: bytes under a path, walked without following links, bounded in entries. */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Total bytes under `dir` (null when it does not exist); stops counting after `maxEntries` and says so. */
export async function diskUsage(
  dir: string,
  maxEntries = 200_000,
): Promise<{ bytes: number; truncated: boolean } | null> {
  let bytes = 0;
  let seen = 0;
  const stack = [dir];
  try {
    await lstat(dir);
  } catch {
    return null;
  }
  while (stack.length > 0) {
    const path = stack.pop()!;
    let st: Awaited<ReturnType<typeof lstat>>;
    try {
      st = await lstat(path);
    } catch {
      continue; // vanished while we walked (log rotation): not an error for a usage figure
    }
    if (++seen > maxEntries) return { bytes, truncated: true };
    // du counts allocated blocks, not apparent size: sparse and partly written files matter on a full disk.
    bytes += Number(st.blocks) * 512;
    if (st.isDirectory()) {
      const names = await readdir(path).catch(() => [] as string[]);
      for (const n of names) stack.push(join(path, n));
    }
  }
  return { bytes, truncated: false };
}
