/**
 * The terminal as Ink sees it, writing only the lines that changed. Ink's standard renderer erases its
 * whole previous frame and writes the new one (about 4 KB at 120x40 for one changed figure); its
 * incremental mode is off (see run.tsx). On the alternate screen the frame always starts at the top-left,
 * so each changed line can be addressed absolutely: a steady refresh then costs the few lines whose figures
 * moved.
 */

const ESC = '\x1b';
// ansi-escapes' eraseLines(n): n x (erase line, cursor up) then cursor to column 1; clearTerminal.
const ERASE_LINES = new RegExp(`^(?:${ESC}\\[2K(?:${ESC}\\[1A)?)+${ESC}\\[G`);
const CLEAR_TERMINAL = new RegExp(`^${ESC}\\[2J(?:${ESC}\\[3J)?${ESC}\\[H`);
// writes that are only control sequences (cursor show/hide, synchronized-output marks) pass through
const CONTROL_ONLY = new RegExp(`^(?:${ESC}\\[[0-9;?]*[A-Za-z])+$`);
// synchronized output (DEC mode 2026), as Ink's write-synchronized.js writes it around a frame
const BEGIN_SYNC = `${ESC}[?2026h`;
const END_SYNC = `${ESC}[?2026l`;

/** The bytes that turn the screen's `prev` lines into `next` (1-based rows from the top). */
export function frameDiff(prev: readonly string[], next: readonly string[]): string {
  let out = '';
  for (let i = 0; i < next.length; i++) {
    // erase first, then write: an erase after a line that fills the width would take its last character
    if (prev[i] !== next[i]) out += `${ESC}[${i + 1};1H${ESC}[2K${next[i]}`;
  }
  for (let i = next.length; i < prev.length; i++) {
    if (prev[i] !== '') out += `${ESC}[${i + 1};1H${ESC}[2K`;
  }
  return out;
}

/** Splits one of Ink's frame writes into the frame's lines; null for a write that is not a frame. */
export function frameLines(chunk: string): { lines: string[]; clear: boolean } | null {
  if (CONTROL_ONLY.test(chunk)) return null;
  let text = chunk;
  const clear = CLEAR_TERMINAL.exec(text);
  if (clear) text = text.slice(clear[0].length);
  const erase = ERASE_LINES.exec(text);
  if (erase) text = text.slice(erase[0].length);
  const lines = text === '' ? [] : text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return { lines, clear: clear !== null };
}

/**
 * Wraps `out` (a TTY on the alternate screen) for Ink: every other property and method is the stream's
 * own; `write` turns each frame into the changed lines. A resize clears the screen and redraws it whole.
 * Once `closed()` (the terminal was given back on `q`), frames are dropped: Ink's last frame, drawn while
 * it unmounts, would land on the restored screen.
 *
 * Ink writes a frame as three writes: begin synchronized update (`CSI ?2026h`), the frame, end (`?2026l`).
 * They go out as one write here: each write to a terminal is a system call and a wakeup of the terminal (or
 * tmux) reading it, three a refresh where one does (strace of the console: 3 writes a frame); and a frame
 * with no changed line sends nothing, not an empty update. A span Ink leaves open goes out at the end of
 * the tick.
 */
export function diffingStdout(
  out: NodeJS.WriteStream,
  closed: () => boolean = () => false,
): NodeJS.WriteStream {
  let screen: string[] = [];
  out.on('resize', () => {
    screen = [];
    out.write(`${ESC}[2J`);
  });
  // the bytes of an open synchronized update (null outside one), and the callbacks of its writes, called
  // once those bytes are written
  let held: string | null = null;
  let heldCbs: Array<() => void> = [];
  const send = (bytes: string, cb?: () => void): boolean => {
    if (bytes === '') {
      cb?.();
      return true;
    }
    return cb ? out.write(bytes, cb) : out.write(bytes);
  };
  const hold = (bytes: string, cb?: () => void): boolean => {
    held += bytes;
    if (cb) heldCbs.push(cb);
    return true;
  };
  const end = (cb?: () => void): boolean => {
    const bytes = closed() ? '' : (held ?? '');
    const cbs = cb ? [...heldCbs, cb] : heldCbs;
    held = null;
    heldCbs = [];
    const done =
      cbs.length === 0
        ? undefined
        : () => {
            for (const f of cbs) f();
          };
    return send(bytes === '' ? '' : BEGIN_SYNC + bytes + END_SYNC, done);
  };
  const release = () => {
    if (held !== null) end();
  };
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
    // a span is held until its end; once the terminal is given back, end() sends nothing of it
    if (text === BEGIN_SYNC) {
      release();
      held = '';
      queueMicrotask(release);
      return send('', cb);
    }
    if (text === END_SYNC && held !== null) return end(cb);
    if (text === END_SYNC && closed()) return send('', cb);
    const frame = frameLines(text);
    if (!frame) {
      if (held === null) return (out.write as (...a: unknown[]) => boolean)(chunk, ...rest);
      return hold(text, cb);
    }
    if (closed()) return send('', cb);
    if (frame.clear) screen = [];
    const bytes = (frame.clear ? `${ESC}[2J` : '') + frameDiff(screen, frame.lines);
    screen = frame.lines;
    return held === null ? send(bytes, cb) : hold(bytes, cb);
  };
  return new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
