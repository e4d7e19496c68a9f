/** Streams a file's bytes in 1 MiB chunks; the one place the readers touch the file system. */
import { createReadStream } from 'node:fs';
import { FrameError } from './errors.js';

/** Feeds every chunk of the file to `onChunk`; I/O errors become FrameError naming the file. */
export async function pump(file: string, onChunk: (chunk: Buffer) => void): Promise<void> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) onChunk(chunk as Buffer);
  } catch (err) {
    if (err instanceof FrameError) throw err;
    throw new FrameError(`cannot read: ${err instanceof Error ? err.message : String(err)}`, file);
  }
}
