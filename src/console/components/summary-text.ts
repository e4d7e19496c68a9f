/**
 * A panel's one-line summary as one styled string: title, state badge, key figures, series names, staleness.
 * One string (drawn by text-line.tsx), not a tree of nested <Text>: the overview shows seven of these, and
 * as elements each was eight host nodes that React re-rendered and Ink diffed, squashed and measured every
 * refresh though the line rarely changed (bench/README.md, "Console", sixth session). A string lets
 * React.memo skip an unchanged line outright. The styles are chalk's, the library Ink's <Text> styles with,
 * so the bytes are the same.
 */
import chalk from 'chalk';
import type { PanelModel, Stat } from '../panels/model.js';
import { type PanelState, STATE_COLOR, STATE_TEXT } from '../panels/state.js';

/** Colours a text with a state's colour (chalk's named foreground colours, as Ink's `color` takes them). */
const tint = (state: PanelState, text: string): string => chalk[STATE_COLOR[state]](text);

/** "✔ OK", "▲ WARN": coloured when `color`, bold unless OK. */
function badgeText(state: PanelState, color: boolean): string {
  const text = color ? tint(state, STATE_TEXT[state]) : STATE_TEXT[state];
  return state === 'ok' ? text : chalk.bold(text);
}

/** "  p95 87 ms▲": a breached figure carries its mark, bold, and its state's colour when `color`. */
function statText(stat: Stat, color: boolean): string {
  const mark = stat.state === 'warning' ? '▲' : stat.state === 'critical' ? '✖' : '';
  let value = `${stat.value}${mark}`;
  if (color && stat.state !== 'ok' && stat.state !== 'unknown') value = tint(stat.state, value);
  if (mark !== '') value = chalk.bold(value);
  return `  ${stat.label} ${value}`;
}

/**
 * The note the summary line carries in place of its figures: an UNKNOWN panel's reason when it has no figure
 * at all (the panel then draws no note line). A panel with some figures keeps them: the resources' memory and
 * disk say more than "cpu warming up".
 */
export function summaryNote(model: PanelModel): string | null {
  const blind = model.state === 'unknown' && model.stats.every((s) => s.number === null);
  return blind && model.note ? model.note : null;
}

/** The summary line; `stale` ("STALE unreachable 2m") is shown inverse at its end. */
export function summaryText(model: PanelModel, stale: string | undefined, color: boolean): string {
  let line = chalk.bold(model.title.padEnd(18).slice(0, 18)) + badgeText(model.state, color);
  // A panel with nothing to show says why (README "Four states"), not a row of dashes: the overview gives a
  // panel this one line, where its note would not show at all (drift warming up read "drifted 0/0  share —").
  // The stale mark goes before a note: a long note would push it past the line's end, where it is cut.
  const why = summaryNote(model);
  if (why) return line + (stale ? chalk.inverse(` ${stale} `) : '') + chalk.dim(`  ${why}`);
  for (const s of model.stats) line += statText(s, color);
  if (model.series.length > 1) line += chalk.dim(`  [${model.series.map((s) => s.name).join(' ')}]`);
  if (stale) line += chalk.inverse(` ${stale} `);
  return line;
}
