/** The walkthrough's keys: what each does to the walk, or what the app must do (close, ask a note, help). */
import type { Walk } from './walk-store.js';

/** The key fields the walkthrough reads. */
export interface WalkKey {
  upArrow: boolean;
  downArrow: boolean;
  return: boolean;
  escape: boolean;
}

/** An action on the walk, one of the app's own, or null (the key does nothing here). */
export type WalkKeyAction = 'close' | 'note' | 'help' | ((w: Walk) => void) | null;

/** The action for a key while a walkthrough is open. */
export function walkKeyAction(ch: string, key: WalkKey): WalkKeyAction {
  if (key.escape || ch === 'q') return 'close';
  if (ch === 'n') return 'note';
  if (ch === '?') return 'help';
  if (key.upArrow || ch === 'k') return (w) => w.select(w.getState().selected - 1);
  if (key.downArrow || ch === 'j') return (w) => w.select(w.getState().selected + 1);
  if (key.return) return (w) => w.runOrNext();
  if (ch === 'a') return (w) => w.runRemaining();
  if (ch === 'r') return (w) => w.retry();
  if (ch === 's') return (w) => w.skip();
  return null;
}
