/**
 * The charts' glyphs: each series its own line style and each level its own dashes, so that series and
 * levels are told apart without colour (NO_COLOR, https://no-color.org) and colour only adds to them.
 * The arrays are asciichart's `symbols` (index 4 is the flat stroke, 5-8 the corners, 9 the riser).
 */

/** asciichart symbol sets per series, in order: light, heavy, double, then ASCII. */
export const SERIES_SYMBOLS: readonly (readonly string[])[] = [
  ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
  ['┼', '┤', '╶', '╴', '━', '┗', '┏', '┓', '┛', '┃'],
  ['┼', '┤', '╶', '╴', '═', '╚', '╔', '╗', '╝', '║'],
  ['+', '|', '-', '-', '~', '\\', '/', '\\', '/', '|'],
];

/** The flat stroke of series `i`, as the legend shows it. */
export function seriesGlyph(i: number): string {
  return SERIES_SYMBOLS[i % SERIES_SYMBOLS.length]![4]!;
}

/** The levels' dashes: never a solid line, so a level never reads as a series. */
export const LEVEL_GLYPHS = { warning: '┄', critical: '┅' } as const;

/** The levels' names in legends and tags. */
export const LEVEL_NAMES = { warning: 'warn', critical: 'crit' } as const;
