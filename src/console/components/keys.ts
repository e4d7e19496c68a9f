/** Every key of the console, for the footer and the help overlay. */

/** [key, short description, long description]. */
export const KEYS: ReadonlyArray<readonly [string, string, string]> = [
  [
    '1-6/⇥',
    'view',
    'switch view: 1 Overview, 2 Drift & quality, 3 Performance, 4 Resources, 5 Alerts, 6 Runbooks',
  ],
  ['?', 'help', 'show or hide this help'],
  ['/', 'filter', 'filter the tables (Enter keeps it, Esc clears it)'],
  ['t', 'range', 'cycle the time range: 5m, 15m, 1h, 6h, 24h'],
  ['+/-', 'rate', 'slower / faster refresh (1s … 60s)'],
  ['p', 'pause', 'pause or resume polling'],
  ['r', 'refresh', 'refresh every source now'],
  ['↑↓', 'select', 'select an alert or a runbook'],
  ['⏎', 'runbook', "open the selected alert's runbook, or the selected runbook, to walk through it"],
  ['s', 'silence', 'silence the selected alert in Alertmanager (asks duration and comment)'],
  ['f', 'fault', 'mmops demo only: switch a fault of the demo model service on or off'],
  ['q', 'quit', 'quit (also Ctrl+C)'],
];

/** The footer text for `width`: every key, with a shorter spacing when the full one does not fit. */
export function footerText(width: number): string {
  const items = KEYS.map(([k, d]) => `${k} ${d}`);
  for (const sep of ['  ', ' ']) {
    const text = items.join(sep);
    if (text.length <= width) return text;
  }
  // 80 columns: every key, words only for the ones an operator under stress looks for (? lists the rest).
  const worded = new Set(['⏎', 's', '?', 'q']);
  const bare = KEYS.filter(([k]) => !worded.has(k)).map(([k]) => k);
  const words = KEYS.filter(([k]) => worded.has(k)).map(([k, d]) => `${k} ${d}`);
  const terse = `${bare.join(' ')}  ${words.join('  ')}`;
  if (terse.length <= width) return terse;
  return KEYS.map(([k]) => k)
    .join(' ')
    .slice(0, width);
}
