/** Pure: one key applied to a one-line prompt (the filter, a silence, a note, a walkthrough answer). */

/** The key fields a prompt reads. */
export interface EditKey {
  return: boolean;
  escape: boolean;
  backspace: boolean;
  delete: boolean;
  ctrl: boolean;
  meta: boolean;
}

/** The text after the key, and whether the key submitted or cancelled the prompt. */
export interface EditResult {
  text: string;
  action: 'edit' | 'submit' | 'cancel';
}

/** Applies `ch`/`key` to `text`. */
export function lineEdit(text: string, ch: string, key: EditKey): EditResult {
  if (key.escape) return { text, action: 'cancel' };
  if (key.backspace || key.delete) return { text: text.slice(0, -1), action: 'edit' };
  if (key.return) return { text, action: 'submit' };
  // A pasted line (or tmux send-keys) arrives as one chunk with its Enter inside: type it, then submit.
  const enter = ch.search(/[\r\n]/);
  if (enter >= 0) return { text: text + ch.slice(0, enter), action: 'submit' };
  if (ch && !key.ctrl && !key.meta) return { text: text + ch, action: 'edit' };
  return { text, action: 'edit' };
}
