/** What the console sends the terminal: only changed lines, merged colour runs, one redraw a refresh. */
import { EventEmitter } from 'node:events';
import asciichart from 'asciichart';
import { describe, expect, it } from 'vitest';
import { mergeColorRuns } from '../../src/console/components/chart-lines.js';
import { diffingStdout, frameDiff, frameLines } from '../../src/console/components/frame-writer.js';
import { fakeClock } from './fake-clock.js';
import { fixtureStore } from './make-store.js';

const ESC = String.fromCharCode(27);
// ansi-escapes' eraseLines(3), as Ink's log-update writes it before a frame
const ERASE3 = `${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[G`;

/** A fake TTY: what was written, and resize events. */
function fakeTty() {
  const out = Object.assign(new EventEmitter(), {
    columns: 40,
    rows: 10,
    isTTY: true,
    written: [] as string[],
    write(s: string, cb?: () => void) {
      out.written.push(s);
      cb?.();
      return true;
    },
  });
  return out;
}

describe('frame writer', () => {
  it('reads a frame out of an Ink write', () => {
    expect(frameLines(`${ERASE3}a\nb\n`)).toEqual({ lines: ['a', 'b'], clear: false });
    expect(frameLines('first\nframe')).toEqual({ lines: ['first', 'frame'], clear: false });
    expect(frameLines(`${ESC}[2J${ESC}[3J${ESC}[Hx\n`)).toEqual({ lines: ['x'], clear: true });
    expect(frameLines(`${ESC}[?25l`)).toBeNull();
    expect(frameLines(`${ESC}[?2026h`)).toBeNull();
  });

  it('writes only the changed lines, addressed from the top, and erases what got shorter', () => {
    expect(frameDiff(['a', 'b', 'c'], ['a', 'B', 'c'])).toBe(`${ESC}[2;1H${ESC}[2KB`);
    expect(frameDiff(['a', 'b', 'c'], ['a'])).toBe(`${ESC}[2;1H${ESC}[2K${ESC}[3;1H${ESC}[2K`);
    expect(frameDiff([], ['x'])).toBe(`${ESC}[1;1H${ESC}[2Kx`);
    expect(frameDiff(['same'], ['same'])).toBe('');
  });

  it('wraps a stream: frames diffed, control writes passed, a resize redraws everything', () => {
    const tty = fakeTty();
    const out = diffingStdout(tty as unknown as NodeJS.WriteStream);
    expect(out.columns).toBe(40);
    expect(out.isTTY).toBe(true);
    out.write(`${ESC}[?25l`);
    out.write('head\nbody 1\nfoot\n');
    out.write(`${ERASE3}head\nbody 2\nfoot\n`);
    out.write(`${ERASE3}head\nbody 2\nfoot\n`); // unchanged: nothing written
    expect(tty.written).toEqual([
      `${ESC}[?25l`,
      `${ESC}[1;1H${ESC}[2Khead${ESC}[2;1H${ESC}[2Kbody 1${ESC}[3;1H${ESC}[2Kfoot`,
      `${ESC}[2;1H${ESC}[2Kbody 2`,
    ]);
    let resized = 0;
    out.on('resize', () => resized++);
    tty.emit('resize');
    expect(resized).toBe(1);
    out.write(`${ERASE3}head\nbody 2\nfoot\n`);
    expect(tty.written.slice(3)).toEqual([
      `${ESC}[2J`,
      `${ESC}[1;1H${ESC}[2Khead${ESC}[2;1H${ESC}[2Kbody 2${ESC}[3;1H${ESC}[2Kfoot`,
    ]);
  });

  it("sends Ink's synchronized update as one write, and nothing for a frame with no changed line", async () => {
    const tty = fakeTty();
    const out = diffingStdout(tty as unknown as NodeJS.WriteStream);
    const BSU = `${ESC}[?2026h`;
    const ESU = `${ESC}[?2026l`;
    const frame = (text: string) => {
      out.write(BSU);
      out.write(text);
      out.write(ESU);
    };
    frame('head\nbody 1\n');
    frame(`${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[Ghead\nbody 2\n`);
    frame(`${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[Ghead\nbody 2\n`); // unchanged
    expect(tty.written).toEqual([
      `${BSU}${ESC}[1;1H${ESC}[2Khead${ESC}[2;1H${ESC}[2Kbody 1${ESU}`,
      `${BSU}${ESC}[2;1H${ESC}[2Kbody 2${ESU}`,
    ]);
    // a control write inside the span keeps its place; a span left open goes out at the end of the tick
    out.write(BSU);
    out.write(`${ESC}[?25h`);
    out.write('head\nbody 3\n');
    expect(tty.written).toHaveLength(2);
    await Promise.resolve();
    expect(tty.written[2]).toBe(`${BSU}${ESC}[?25h${ESC}[2;1H${ESC}[2Kbody 3${ESU}`);
    // outside a span a write goes out at once, as before
    out.write('head\nbody 4\n');
    expect(tty.written[3]).toBe(`${ESC}[2;1H${ESC}[2Kbody 4`);
  });

  it("calls a held write's callback once its bytes are written, not before", () => {
    const tty = fakeTty();
    const out = diffingStdout(tty as unknown as NodeJS.WriteStream);
    const called: string[] = [];
    out.write(`${ESC}[?2026h`);
    out.write('a\n', () => called.push(`frame after ${tty.written.length} writes`));
    expect(called).toEqual([]);
    out.write(`${ESC}[?2026l`, () => called.push('end'));
    expect(called).toEqual(['frame after 1 writes', 'end']);
  });

  it('drops a synchronized frame once the terminal is given back', () => {
    const tty = fakeTty();
    let closed = false;
    const out = diffingStdout(tty as unknown as NodeJS.WriteStream, () => closed);
    out.write('a\n');
    closed = true;
    out.write(`${ESC}[?2026h`);
    out.write('b\n');
    out.write(`${ESC}[?2026l`);
    expect(tty.written).toEqual([`${ESC}[1;1H${ESC}[2Ka`]);
  });
});

describe('chart colour runs', () => {
  it('one escape a run, every cell keeps its colour', () => {
    const plot = asciichart.plot(
      [
        [1, 2, 3, 2, 1, 2, 3, 4, 5, 1],
        [2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
      ],
      { height: 5, colors: [asciichart.cyan, asciichart.yellow] },
    );
    // each cell as colour + character
    const cells = (s: string) => {
      let color = '-';
      const out: string[] = [];
      for (const m of s.matchAll(new RegExp(`${ESC}\\[(\\d+)m|([^${ESC}])`, 'gu'))) {
        if (m[1]) color = m[1] === '0' ? '-' : m[1];
        else out.push(color + m[2]);
      }
      return out;
    };
    let before = 0;
    let after = 0;
    for (const line of plot.split('\n')) {
      const merged = mergeColorRuns(line);
      expect(cells(merged)).toEqual(cells(line));
      before += line.length;
      after += merged.length;
    }
    expect(after).toBeLessThan(before * 0.7);
  });
});

describe('store: one redraw a refresh', () => {
  it('coalesces data changes: the answers of one refresh in one notification, at most one every half interval; keys at once', async () => {
    const f = fixtureStore();
    const { createConsoleStore } = await import('../../src/console/store.js');
    const { config } = await import('./make-store.js');
    const { levelBook } = await import('../../src/monitor/index.js');
    const clock = fakeClock(Date.parse('2025-01-01T00:00:00Z'));
    const store = createConsoleStore({
      pollers: f.pollers,
      levels: levelBook(config),
      intervalMs: 300,
      coalesce: true,
      now: clock.now,
      timers: clock,
    });
    let notified = 0;
    store.subscribe(() => notified++);
    await f.refresh(); // the first answers are shown at once
    expect(notified).toBeGreaterThan(0);
    clock.advance(700); // quiet for over an interval (a held-back change may have shown at 300 ms)
    const first = notified;
    f.fail.engine = true;
    await f.pollers.engine.refreshNow(); // after a quiet interval: shown at once
    expect(notified).toBe(first + 1);
    f.fail.engine = false;
    clock.advance(100);
    await f.pollers.engine.refreshNow(); // within half an interval: held back
    expect(notified).toBe(first + 1);
    expect(clock.pending()).toBe(1);
    clock.advance(49);
    expect(notified).toBe(first + 1); // 149 ms after the last: still held back
    clock.advance(1);
    expect(notified).toBe(first + 2); // then shown, half an interval after the last
    clock.advance(700);
    // a refresh: every source asked at once (their beat); whichever answers first waits for the others
    f.fail.engine = true;
    await Promise.all([f.pollers.engine.refreshNow(), f.pollers.prometheus.refreshNow()]);
    expect(notified).toBe(first + 3);
    expect(clock.pending()).toBe(0); // nothing held back for a second frame
    store.togglePause(); // a key: at once
    expect(notified).toBe(first + 4);
    store.stop();
    expect(clock.pending()).toBe(0);
  });
});
