/** When the terminal has gone away (SSH dropped, tmux killed): let go of it so the process exits cleanly. */
import { closeSync, fstatSync, openSync } from 'node:fs';

const ignoreHangup = () => {};

/**
 * Swallows the streams' late errors and points the process's stdio descriptors that were a terminal at
 * /dev/null. Why: on exit Node 20 restores each tty's modes (ResetStdio) and aborts (SIGABRT, exit 134, a
 * core file) when tcsetattr fails with EIO on a hung-up terminal (nodejs/node#51519; fixed upstream by
 * nodejs/node#58200, not in Node 20). Node skips that restore for a descriptor that no longer refers to the
 * file it found at start, and there is nothing left to restore anyway.
 */
export function releaseTerminal(streams: ReadonlyArray<NodeJS.EventEmitter>): void {
  for (const s of streams) s.on('error', () => {});
  // A hung-up terminal may send its SIGHUP twice (tmux's own, then the kernel's as the pty closes): the
  // second must not take Node's default action (exit at once) in the middle of a clean stop.
  if (!process.listeners('SIGHUP').includes(ignoreHangup)) process.on('SIGHUP', ignoreHangup);
  const stdio: Array<[number, NodeJS.EventEmitter & { isTTY?: boolean }]> = [
    [0, process.stdin],
    [1, process.stdout],
    [2, process.stderr],
  ];
  for (const [fd, stream] of stdio) {
    // only the process's own streams, and only those that were the terminal
    if (!streams.includes(stream) || !(stream.isTTY || characterDevice(fd))) continue;
    try {
      closeSync(fd);
      const again = openSync('/dev/null', 'r+');
      if (again !== fd) closeSync(again); // left closed: Node skips a closed descriptor too
    } catch {
      // already closed
    }
  }
}

/**
 * Whether `fd` is a character device: a terminal, hung up or not. A stream first made after the hangup
 * (process.stdin is made when first read) is no tty stream, as Node no longer sees a terminal there, but
 * Node's exit restores the descriptor all the same: `mmops engine` aborted so after a clean SIGHUP stop.
 * The only other character devices on stdio are /dev/null and its kind, which point at /dev/null anyway.
 */
function characterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false; // closed
  }
}
