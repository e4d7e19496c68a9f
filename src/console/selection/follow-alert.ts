/**
 * Pure: the selection follows an alert, not a row. Alerts flapping in and out of pending reorder the list
 * between polls; the selection is kept as the alert's identity (MergedAlert.key: alertname plus its
 * identifying labels, the label set Alertmanager fingerprints) and its row found again on every render.
 * When the alert goes away, the selection moves to the row that took its place, and says so (k9s keeps
 * the selected resource across refreshes the same way).
 */

/** What follow() needs of a row. */
export interface Followable {
  key: string;
  name: string;
}

/** Where the selection is now, and a note when the followed alert went away. */
export interface Followed {
  index: number;
  key: string | null;
  /** "HighPredictionLatency is gone; now on DataDriftDetected", once, when it went. */
  note: string | null;
}

/** The row of `key` in `rows`; else the neighbour at `lastIndex` (the list shrank under it). */
export function follow(
  rows: readonly Followable[],
  key: string | null,
  lastIndex: number,
  lastName: string | null,
): Followed {
  if (rows.length === 0)
    return { index: 0, key: null, note: key && lastName ? `${lastName} is gone; no alerts left` : null };
  if (key !== null) {
    const at = rows.findIndex((r) => r.key === key);
    if (at >= 0) return { index: at, key, note: null };
    // The same alert under a new key: a copy joined or left (the engine's copy lacks job and instance,
    // Prometheus' has them), so the merged labels grew or shrank. One row of the name whose labels agree
    // with the old ones wherever both have a label is the alert.
    const was = lastName !== null ? labelsOf(key, lastName) : null;
    const same = was ? rows.filter((r) => r.name === lastName && agree(labelsOf(r.key, r.name), was)) : [];
    if (same.length === 1) return { index: rows.indexOf(same[0]!), key: same[0]!.key, note: null };
  }
  const index = Math.min(Math.max(0, lastIndex), rows.length - 1);
  const now = rows[index]!;
  const note = key !== null && lastName ? `${lastName} is gone; now on ${now.name}` : null;
  return { index, key: now.key, note };
}

/** The labels in a merged alert's key (name + JSON of its labels, panels/alerts.ts); null for other keys. */
function labelsOf(key: string, name: string): Record<string, string> | null {
  if (!key.startsWith(`${name}{`)) return null;
  return JSON.parse(key.slice(name.length)) as Record<string, string>;
}

function agree(a: Record<string, string> | null, b: Record<string, string>): boolean {
  return a !== null && Object.keys(a).every((k) => !(k in b) || a[k] === b[k]);
}
