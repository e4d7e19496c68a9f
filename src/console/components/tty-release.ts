/** When the terminal has gone away (SSH dropped, tmux killed): let go of it so the process exits cleanly. */
import { closeSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';

// Which of stdin, stdout and stderr were a terminal when the process started (this module loads then):
// the descriptors Node restores at exit. Asked later, a hung-up terminal no longer answers as one, and a
// stream made after the hangup (process.stdin is made when first read) is no tty stream either: `mmops
// engine`, asked so, left its stdin alone after a SIGHUP and aborted on exit (134).
const WAS_TTY = [0, 1, 2].map((fd) => isatty(fd));

/**
 * Swallows the streams' late errors and points the process's stdio descriptors that were a terminal at
 * /dev/null. Why: on exit Node 20 restores each tty's modes (ResetStdio) and aborts (SIGABRT, exit 134, a
 * core file) when tcsetattr fails with EIO on a hung-up terminal (nodejs/node#51519; fixed upstream by
 * nodejs/node#58200, not in Node 20). Node skips that restore for a descriptor that no longer refers to the
 * file it found at start, and there is nothing left to restore anyway. Called when the terminal is gone,
 * or about to be: tmux's SIGHUP comes before it closes the pty, so "is it still a tty" would race. A
 * `kill -HUP` typed at a terminal that stays counts as a hangup too: what follows is not shown there.
 */
export function releaseTerminal(streams: ReadonlyArray<NodeJS.EventEmitter>): void {
  for (const s of streams) s.on('error', () => {});
  const stdio: Array<[number, NodeJS.EventEmitter]> = [
    [0, process.stdin],
    [1, process.stdout],
    [2, process.stderr],
  ];
  for (const [fd, stream] of stdio) {
    // only the process's own streams, and only those that were the terminal
    if (!streams.includes(stream) || !WAS_TTY[fd]) continue;
    try {
      closeSync(fd);
      const again = openSync('/dev/null', 'r+');
      if (again !== fd) closeSync(again); // left closed: Node skips a closed descriptor too
    } catch {
      // already closed
    }
  }
}

const onHangup = () => releaseTerminal([process.stdin, process.stdout, process.stderr]);

/**
 * From now on, a SIGHUP lets go of the terminal instead of ending the process (Node's default action), for
 * the rest of its life. Why: a stop that is under way (after Ctrl-C, or after the hangup itself: tmux sends
 * its own SIGHUP, then the kernel another as the pty closes) must finish, or `mmops demo` leaves PostgreSQL
 * running (it takes SIGHUP as "reload") with its data dir behind. Whoever stops on a hangup listens too.
 */
export function holdThroughHangup(): void {
  if (!process.listeners('SIGHUP').includes(onHangup)) process.on('SIGHUP', onHangup);
}
