/** The console's walkthrough: which one is open, opening it (from a runbook or an alert) and closing it. */
import { useRef, useState } from 'react';
import { type JournalEntry, type Runbook, resumePoint } from '../../runbook/index.js';
import { type HistoryEvent, isAlertEvent } from '../data/alert-history.js';
import type { MergedAlert } from '../panels/alerts.js';
import type { DeckState, RunbookDeck } from '../runbooks/deck.js';
import { type AlertRef, alertInputs, runbookForAlert } from '../runbooks/find.js';
import { createWalk, type Walk, type WalkInputs, type WalkState } from '../runbooks/walk-store.js';
import { useSource } from './use-source.js';

/** What the app gets: the deck's state, the open walk (a ref too, for key handlers) and the actions. */
export interface Walkthrough {
  deckState: DeckState | null;
  walk: Walk | null;
  walkRef: { readonly current: Walk | null };
  walkState: WalkState | null;
  open(rb: Runbook, inputs?: WalkInputs): void;
  /** Opens the alert's runbook with its labels (MMOPS_ALERT_*) and the params named like a label. */
  openForAlert(alert: MergedAlert): void;
  /** The same for an alert a history row shows, which may have resolved since. */
  openForEvent(e: HistoryEvent): void;
  /** Resumes the runbook's last run from its failed or unfinished step, with its params and alert. */
  resume(rb: Runbook): void;
  /** Ends the run (stopping a running step) and journals it. */
  close(): void;
}

/** The walkthrough state; `say` puts a line in the footer. */
export function useWalkthrough(deck: RunbookDeck | undefined, say: (m: string | null) => void): Walkthrough {
  const deckState = useSource(deck);
  const [walk, setWalkState] = useState<Walk | null>(null);
  const walkRef = useRef<Walk | null>(null);
  const setWalk = (w: Walk | null) => {
    walkRef.current = w;
    setWalkState(w);
  };
  const walkState = useSource(walk);

  const open: Walkthrough['open'] = (rb, inputs) => {
    if (!deck) return void say('no runbooks loaded');
    try {
      setWalk(createWalk(deck.port, rb, inputs));
      say(null);
    } catch (err) {
      say(`cannot open ${rb.id}: ${(err as Error).message}`);
    }
  };

  /** Opens the runbook `ref` names (annotation, else the runbook listing it) for the alert `alert`. */
  const openFor = (ref: AlertRef, alert: NonNullable<WalkInputs['alert']>) => {
    if (!deckState) return void say(`runbook: ${ref.runbook ?? 'none'} (no runbooks loaded)`);
    const rb = runbookForAlert(ref, deckState.runbooks);
    if (!rb) return void say(`no runbook for ${ref.name} (annotation: ${ref.runbook ?? 'none'})`);
    open(rb, { ...alertInputs(ref, rb), alert });
  };

  const openForAlert = (alert: MergedAlert) =>
    openFor(
      { name: alert.name, runbook: alert.runbook, labels: { ...alert.labels, severity: alert.severity } },
      { fingerprint: alert.fingerprint, labels: { ...alert.allLabels, alertname: alert.name } },
    );

  // A history row carries labels, not annotations: the runbook is the one whose front matter lists the
  // alert. The port fingerprints the labels as Alertmanager would, so the run shows in the alert's detail.
  const openForEvent = (e: HistoryEvent) =>
    isAlertEvent(e)
      ? openFor(
          { name: e.name, runbook: null, labels: e.labels },
          { fingerprint: null, labels: { ...e.labels, alertname: e.name } },
        )
      : say(
          `a ${e.event} row holds matchers, not an alert's labels: open the alert from view 5, or a state row`,
        );

  const resume = (rb: Runbook) => {
    const last: JournalEntry | undefined = deckState?.entries.findLast((e) => e.runbook.id === rb.id);
    if (!last) return void say(`${rb.id} has no run to resume`);
    let point: ReturnType<typeof resumePoint>;
    try {
      point = resumePoint(last, rb);
    } catch (err) {
      // ResumeError: the last run finished every step, or the runbook changed since
      return void say((err as Error).message);
    }
    open(rb, {
      labels: point.labels,
      params: point.params,
      ...(last.alert ? { alert: last.alert } : {}),
      resume: { runId: last.runId, startAt: point.startAt, carried: point.carried },
    });
  };

  const close = () => {
    const w = walkRef.current;
    if (!w) return;
    say('closing the run…');
    w.close().then(
      (saved) => {
        setWalk(null);
        deck?.reload();
        say(saved ? `run saved: ${saved}` : 'nothing was run; nothing journalled');
      },
      (err: unknown) => {
        setWalk(null);
        say(`could not save the run: ${(err as Error).message}`);
      },
    );
  };

  return { deckState, walk, walkRef, walkState, open, openForAlert, openForEvent, resume, close };
}
