/** Small files in the data dir (reference, baseline): written atomically, so a crash leaves the old or the new. */
import { open, readFile, rename, unlink } from 'node:fs/promises';

let seq = 0;

/**
 * Writes `data` to `path` through a temp file: write, fsync, rename. Each call has a temp file of its own:
 * two writes of one file at once (an evaluation adopting a baseline while the operator sets one) once
 * shared `<path>.tmp-<pid>`, and the second rename failed with ENOENT (an HTTP 500).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${++seq}`;
  try {
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Parses a JSON file; undefined when it is missing or unreadable (a torn write is treated as absent). */
export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Deletes a file if it exists. */
export async function removeIfExists(path: string): Promise<void> {
  await unlink(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}
