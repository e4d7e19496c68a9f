/** When the terminal has gone away (SSH dropped, tmux killed): let go of it so the process exits cleanly. */
import { closeSync, openSync } from 'node:fs';

/**
 * Swallows the streams' late errors and points the process's stdio descriptors that were a terminal at
 * /dev/null. Why: on exit Node 20 restores each tty's modes (ResetStdio) and aborts (SIGABRT, exit 134, a
 * core file) when tcsetattr fails with EIO on a hung-up terminal (nodejs/node#51519; fixed upstream by
 * nodejs/node#58200, not in Node 20). Node skips that restore for a descriptor that no longer refers to the
 * file it found at start, and there is nothing left to restore anyway.
 */
export function releaseTerminal(streams: ReadonlyArray<NodeJS.EventEmitter>): void {
  for (const s of streams) s.on('error', () => {});
  const stdio: Array<[number, NodeJS.EventEmitter & { isTTY?: boolean }]> = [
    [0, process.stdin],
    [1, process.stdout],
    [2, process.stderr],
  ];
  for (const [fd, stream] of stdio) {
    // only the process's own streams, and only those that were the terminal
    if (!streams.includes(stream) || !stream.isTTY) continue;
    try {
      closeSync(fd);
      const again = openSync('/dev/null', 'r+');
      if (again !== fd) closeSync(again); // left closed: Node skips a closed descriptor too
    } catch {
      // already closed
    }
  }
}
