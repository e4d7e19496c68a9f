/**
 * Stops the demo's parts after the console has given the terminal back: all at once (each waits only for
 * itself), with one line saying so, and a progress count each second once it takes longer than a second
 * (Prometheus flushing its head block, or PostgreSQL's shutdown checkpoint, can take several).
 */

/** One part of the demo and how to stop it. */
export interface StopPart {
  name: string;
  stop(): Promise<void>;
}

/** Stops `parts` in parallel; `say` hears the start line, the progress lines and failures. */
export async function stopParts(
  parts: readonly StopPart[],
  say: (line: string) => void,
  progressMs = 1000,
): Promise<void> {
  if (parts.length === 0) return;
  const left = new Set(parts.map((p) => p.name));
  say(`demo: stopping ${parts.map((p) => p.name).join(', ')}`);
  const t0 = Date.now();
  const timer = setInterval(() => {
    const s = ((Date.now() - t0) / 1000).toFixed(0);
    say(
      `demo: stopped ${parts.length - left.size}/${parts.length} after ${s} s; waiting for ${[...left].join(', ')}`,
    );
  }, progressMs);
  try {
    await Promise.all(
      parts.map(async (p) => {
        try {
          await p.stop();
        } catch (err) {
          say(`demo: ${p.name} did not stop cleanly: ${err instanceof Error ? err.message : String(err)}`);
        } finally {
          left.delete(p.name);
        }
      }),
    );
  } finally {
    clearInterval(timer);
  }
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  say(`demo: stopped ${parts.length}/${parts.length} in ${s} s`);
}
