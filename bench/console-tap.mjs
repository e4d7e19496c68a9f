/**
 * Loaded into `mmops console` by the console benchmark (`NODE_OPTIONS=--import=bench/console-tap.mjs`):
 * the in-process view of what the console writes to its terminal. It wraps process.stdout.write and
 * appends JSON lines to $MMOPS_BENCH_TAP:
 * - {"event":"frame",...}: the first write holding $MMOPS_BENCH_MARK (the footer: a complete frame) and the
 *   first holding $MMOPS_BENCH_DATA_MARK (live data), with the wall clock and the process's own start;
 * - {"event":"count",...}: bytes and write calls so far, on every SIGUSR2 (the bench's window edges).
 */
import { appendFileSync } from 'node:fs';

const file = process.env.MMOPS_BENCH_TAP;
if (file) {
  const marks = { frame: process.env.MMOPS_BENCH_MARK ?? 'q quit', data: process.env.MMOPS_BENCH_DATA_MARK };
  const seen = new Set();
  const log = (o) => appendFileSync(file, `${JSON.stringify({ pid: process.pid, ...o })}\n`);
  let bytes = 0;
  let writes = 0;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    bytes += Buffer.byteLength(text);
    writes += 1;
    for (const [name, mark] of Object.entries(marks)) {
      if (mark && !seen.has(name) && text.includes(mark)) {
        seen.add(name);
        log({
          event: name,
          at: Date.now(),
          processStart: performance.timeOrigin,
          uptimeMs: performance.now(),
        });
      }
    }
    return write(chunk, ...rest);
  };
  process.on('SIGUSR2', () => log({ event: 'count', at: Date.now(), bytes, writes }));
}
