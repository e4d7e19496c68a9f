/** Pure: the History view's table, newest first: when, what changed, which alert, where it was seen. */
import type { HistoryEvent } from '../data/alert-history.js';
import type { Table } from './model.js';

/** The table of `events` (oldest first, as merged), shown newest first. */
export function historyTable(events: readonly HistoryEvent[]): Table {
  return {
    columns: ['at', 'event', 'alert', 'labels', 'from', 'detail'],
    rows: [...events].reverse().map((e) => ({
      at: new Date(e.at).toISOString().slice(5, 19).replace('T', ' '),
      event: e.event,
      alert: e.name,
      labels: Object.entries(e.labels)
        .filter(([k]) => k !== 'alertname')
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      from: e.source,
      detail: e.detail,
    })),
    flex: ['detail', 'labels'],
  };
}
