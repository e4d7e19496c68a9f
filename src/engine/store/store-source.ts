/** The engine's name in a shared store database: made once per data dir and kept there. */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

const FILE = 'store-source';

/**
 * Reads `<dataDir>/store-source`, creating it (`<host>-<6 hex>`) when missing. Each engine, one per model
 * service deployment, has its own data dir and so its own source: its rows and checkpoint in a shared
 * database are told apart by it, and it survives restarts so a replay finds its own rows.
 */
export async function storeSource(dataDir: string): Promise<string> {
  const path = join(dataDir, FILE);
  try {
    const text = (await readFile(path, 'utf8')).trim();
    if (text !== '') return text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const source = `${hostname()
    .replace(/[^\w.-]/g, '_')
    .slice(0, 40)}-${randomBytes(3).toString('hex')}`;
  await writeFile(path, `${source}\n`, { flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return (await readFile(path, 'utf8')).trim();
}
