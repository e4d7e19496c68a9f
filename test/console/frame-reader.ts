/** Reading an ink-testing-library render: its last frame without colour, and waiting for what a test asserts. */

const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** `frame()` is the last frame as text; `until(ok, what)` waits for `ok` (5 s, then fails showing the frame). */
export function frameReader(r: { lastFrame(): string | undefined }) {
  const frame = () => (r.lastFrame() ?? '').replace(SGR, '');
  const until = async (ok: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`never saw ${what}:\n${frame()}`);
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  return { frame, until };
}
