/**
 * Pure: one alert's detail as lines, for the detail pane (`d`): labels and annotations, value and level,
 * when it went pending and firing, its sources, why it is quiet (the silence or ack, or the inhibiting
 * alert and the rule, alertmanager#3253, karma#223), its history, its runbook and the runs started from it.
 */
import { commentText } from '../../sources/index.js';
import type { AckNote } from '../data/ack-note.js';
import { ackText } from '../data/ack-note.js';
import type { HistoryEvent } from '../data/alert-history.js';
import type { SilenceRow } from '../silence/silence-deck.js';
import type { MergedAlert } from './alerts.js';
import { age, num } from './format.js';

/** A run as the detail lists it (a journal entry). */
export interface DetailRun {
  runId: string;
  runbook: { id: string; title: string };
  startedAt: string;
  status: string;
  resumedFrom?: string;
}

/** Everything the detail shows, gathered by the app from the store and the decks. */
export interface DetailInput {
  alert: MergedAlert;
  now: number;
  ack: AckNote | null;
  /** The silence rows muting it (its silencedBy, found in the silences deck). */
  silences: readonly SilenceRow[];
  /** Each inhibiting alert (by fingerprint; null when not among the alerts) and the rule, as written. */
  inhibitors: ReadonlyArray<{
    fingerprint: string;
    alert: MergedAlert | null;
    /** The labels of the copy it inhibits (the warning copy, say, when the critical one fires). */
    target: Record<string, string>;
    rule: string | null;
  }>;
  level: string | null;
  /** Why Alertmanager's configuration (the inhibit rules) came from elsewhere, when it did. */
  routeNote?: string | null;
  /** This alert's history events, oldest first. */
  history: readonly HistoryEvent[];
  historyNote: string | null;
  runbook: { id: string; title: string } | null;
  /** The runbook's last run (from any alert), and the runs started from this alert, oldest first. */
  lastRun: DetailRun | null;
  runs: readonly DetailRun[];
}

const at = (ms: number | null, now: number) =>
  ms === null ? '—' : `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} (${age(now - ms)} ago)`;
const kv = (o: Record<string, string>) =>
  Object.entries(o).map(([k, v]) => `    ${k.padEnd(14)} ${v.replace(/\s+/g, ' ')}`);
const runLine = (r: DetailRun, now: number) =>
  `    ${r.status.padEnd(10)} ${r.runbook.id} ${r.runId}  ${age(now - Date.parse(r.startedAt))} ago${r.resumedFrom ? ` (resumes ${r.resumedFrom})` : ''}`;

/** The detail's lines (the pane scrolls them). */
export function detailLines(d: DetailInput): string[] {
  const a = d.alert;
  const out: string[] = [
    `${a.name}  ${a.severity}  ${a.state}${a.fingerprint ? `  fingerprint ${a.fingerprint}` : ''}`,
    a.annotations.summary ?? a.summary,
  ];
  if (a.annotations.description) out.push(a.annotations.description.replace(/\s+/g, ' '));
  if (d.ack)
    out.push(
      `${ackText(d.ack, d.now)}: ${d.ack.comment} (ends ${new Date(d.ack.endsAt).toISOString().slice(11, 16)})`,
    );
  out.push('', 'value');
  out.push(
    `    ${a.value === null ? '— (no source gave one)' : num(a.value, 4)}${d.level ? `  ${d.level}` : ''}`,
  );
  out.push('', 'when');
  out.push(
    `    pending since  ${at(a.pendingSince, d.now)}`,
    `    firing since   ${at(a.firingSince, d.now)}`,
  );
  out.push(`    sources        ${a.sources.join(', ')}`);
  out.push('', `why quiet${d.routeNote ? `  (${d.routeNote})` : ''}`);
  if (d.silences.length === 0 && d.inhibitors.length === 0 && a.silencedBy.length === 0)
    out.push('    not silenced, not inhibited');
  for (const s of d.silences)
    out.push(
      `    ${s.ack ? 'acked' : 'silenced'} in ${s.target} by ${s.createdBy}: ${commentText(s.comment)} (ends ${new Date(s.endsAt).toISOString().slice(0, 16)}, ${s.id})`,
    );
  for (const id of a.silencedBy.filter((m) => !d.silences.some((s) => s.id === m.id)))
    out.push(`    silenced in ${id.target} by ${id.id} (not listed yet)`);
  for (const i of d.inhibitors) {
    const who = i.alert
      ? `${i.alert.name} ${Object.entries(i.alert.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')} (${i.alert.severity}, ${i.alert.state})`
      : `alert ${i.fingerprint}`;
    const copy =
      i.target.severity && i.target.severity !== a.severity ? `its ${i.target.severity} copy ` : '';
    out.push(
      `    ${copy}inhibited by ${who}`,
      `      rule ${i.rule ?? '(no inhibit rule of the configuration matches both)'}`,
    );
  }
  out.push('', 'labels', ...kv(a.allLabels), '', 'annotations', ...kv(a.annotations));
  out.push(
    '',
    `runbook${d.runbook ? `  ${d.runbook.id}: ${d.runbook.title}  (⏎ opens it)` : '  none found'}`,
  );
  if (d.lastRun) out.push(`    last run of it:`, runLine(d.lastRun, d.now));
  out.push('', `runs from this alert (${d.runs.length})`);
  if (d.runs.length === 0) out.push('    none');
  for (const r of d.runs.slice(-5)) out.push(runLine(r, d.now));
  out.push('', `history${d.historyNote ? `  (${d.historyNote})` : ''}`);
  if (d.history.length === 0) out.push('    no changes in the range');
  for (const e of d.history.slice(-12))
    out.push(
      `    ${new Date(e.at).toISOString().slice(11, 19)}  ${e.event.padEnd(13)} ${e.source.padEnd(12)} ${e.detail}`,
    );
  return out;
}

/** True when a history event or a run's labels are this alert's: its name, and the labels both carry agree. */
export function isAlerts(a: MergedAlert, name: string, labels: Record<string, string>): boolean {
  if (name !== a.name) return false;
  const mine = a.allLabels;
  return Object.keys(labels).every((k) => k === 'alertstate' || !(k in mine) || mine[k] === labels[k]);
}
