/**
 * The delivery queue on disk: one JSON document beside the alert history, replaced atomically (write a
 * temp file, fsync, rename) so a crash leaves the old queue or the new one, never half of either. Files
 * are 0600: a queued notice holds alert details and labels (issue 17, "Files").
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { z } from 'zod';
import { EMPTY_QUEUE, type QueueState } from './queue.js';

/** Reads and writes one queue file. */
export interface QueueFile {
  readonly path: string;
  /** The stored queue; empty when the file is missing. A file that does not parse is set aside (warned). */
  load(): Promise<QueueState>;
  /** Writes `state`; writes are serialised and the latest wins. */
  save(state: QueueState): Promise<void>;
}

const noticeAlert = z.looseObject({ name: z.string(), labels: z.record(z.string(), z.string()) });
const schema = z.object({
  version: z.literal(1),
  deliveries: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      channel: z.string(),
      notice: z.looseObject({ alerts: z.array(noticeAlert), at: z.number() }),
      createdAt: z.number(),
      attempts: z.number(),
      nextAt: z.number(),
      lastError: z.string().nullable(),
    }),
  ),
  told: z.record(z.string(), z.object({ severity: z.string(), at: z.number() })),
});

/** A queue file at `path`; `warn` hears about a file set aside. */
export function createQueueFile(path: string, warn: (message: string) => void): QueueFile {
  let chain: Promise<void> = Promise.resolve();
  return {
    path,
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_QUEUE;
        throw err;
      }
      const parsed = safeJson(text);
      const result = schema.safeParse(parsed);
      if (!result.success) {
        const aside = `${path}.invalid-${Date.now()}`;
        await rename(path, aside);
        warn(`notify queue: ${path} is not a queue (${result.error.issues[0]?.message}); moved to ${aside}`);
        return EMPTY_QUEUE;
      }
      const { deliveries, told } = result.data;
      return { deliveries, told } as unknown as QueueState;
    },
    save(state) {
      const text = `${JSON.stringify({ version: 1, ...state })}\n`;
      const run = chain.then(() => writeAtomic(path, text));
      chain = run.catch(() => {});
      return run;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
