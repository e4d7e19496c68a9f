/**
 * Keys that arrive together. Ink's input parser splits escape sequences (arrows, PgDn) into one event each,
 * but hands a run of plain characters (`tt`, `12`, eight `j` from a held key) over as one string; the
 * console acts on each character in turn, as a terminal user typed them.
 */

/** The key fields the console reads (a subset of Ink's Key). */
export interface KeyFlags {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  return: boolean;
  escape: boolean;
  ctrl: boolean;
  shift: boolean;
  tab: boolean;
  backspace: boolean;
  delete: boolean;
  meta: boolean;
}

/** No key flag set: a plain character. */
export const PLAIN: KeyFlags = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
};

/** One input event as key presses: a run of plain characters becomes one press per character. */
export function splitBurst(input: string, key: KeyFlags): Array<[string, KeyFlags]> {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  // Ink sets shift for a single upper-case letter only, and reads \b as backspace and \x7f as delete
  // (parse-keypress.js): restore each per character.
  return chars.map((ch) => [
    ch,
    {
      ...PLAIN,
      shift: /[A-Z]/.test(ch),
      return: ch === '\r',
      tab: ch === '\t',
      backspace: ch === '\b',
      delete: ch === '\x7f',
    },
  ]);
}
