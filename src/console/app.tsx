/** The console app: header, the current view (or help), footer; keys go through the pure key map. */
import { Box, type Key, Text, useApp, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  ackComment,
  commentText,
  DEFAULT_ACK_POLICY,
  matchersFor,
  parseSilenceDuration,
} from '../sources/index.js';
import { ChartRangeContext } from './components/chart-range.js';
import { ColorContext } from './components/color.js';
import { type EndpointInUse, endpointHelpLines } from './components/dependency-line.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { filterItems } from './components/fit-table.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { type EditKey, lineEdit } from './components/line-edit.js';
import { type Mode, promptText } from './components/prompt-mode.js';
import type { AlertContext } from './data/alert-context.js';
import type { DependencyPoller } from './data/dependency-poller.js';
import type { HistoryDeck } from './data/history-deck.js';
import { useAlertList } from './hooks/use-alert-list.js';
import { useClock } from './hooks/use-clock.js';
import { useFocusReports } from './hooks/use-focus-reports.js';
import { usePromptState } from './hooks/use-prompt-state.js';
import { useRefState } from './hooks/use-ref-state.js';
import { useSource } from './hooks/use-source.js';
import { useStore } from './hooks/use-store.js';
import { type Size, useTerminalSize } from './hooks/use-terminal-size.js';
import { useWalkthrough } from './hooks/use-walkthrough.js';
import { detailKeyAction } from './keys/detail-keys.js';
import { helpScrollBy } from './keys/help-keys.js';
import { type KeyFlags, splitBurst } from './keys/key-burst.js';
import { type ConsoleAction, consoleKeyAction, keyElsewhere } from './keys/key-table.js';
import { moveIndex } from './keys/selection-move.js';
import type { MergedAlert } from './panels/alerts.js';
import { historyTable } from './panels/history-table.js';
import type { RunbookDeck } from './runbooks/deck.js';
import { runbookList } from './runbooks/list-model.js';
import { type WalkKey, walkKeyAction } from './runbooks/walk-keys.js';
import { walkKeys, walkPrompt } from './runbooks/walk-model.js';
import { follow } from './selection/follow-alert.js';
import type { SilenceDeck, SilenceRow } from './silence/silence-deck.js';
import { silenceOf } from './silence/silence-of.js';
import { silencePreview } from './silence/silence-preview.js';
import { silenceSummary, silenceTable } from './silence/silence-table.js';
import type { ConsoleStore } from './store.js';
import { AlertDetailPane } from './views/alert-detail.js';
import { Help } from './views/help.js';
import { helpMaxOffset } from './views/help-lines.js';
import { History } from './views/history.js';
import { bodyHeight } from './views/layout.js';
import { Overview } from './views/overview.js';
import { Runbooks } from './views/runbooks.js';
import { Silences } from './views/silences.js';
import type { ViewProps } from './views/view-props.js';
import { VIEW_TABLE, viewIndicator } from './views/view-table.js';
import { Walkthrough } from './views/walkthrough.js';

/** App props. */
export interface AppProps {
  store: ConsoleStore;
  /** Fixed size (tests); the terminal's otherwise. */
  size?: Size;
  color?: boolean;
  /** The runbooks and the journal: the Runbooks view, the walkthrough, the header's routines. */
  deck?: RunbookDeck;
  /** `mmops demo`: applies a fault command such as "latency on" and returns what it did. */
  onFault?: (command: string) => string;
  now?: () => number;
  /** Who silences and acks from this console (user@host), shown before confirming. */
  author?: string;
  /** The silences of Alertmanager and the engine: the Silences view. */
  silences?: SilenceDeck;
  /** The other configured dependencies for the header (issue 12, point 1). */
  dependencies?: DependencyPoller | null;
  /** The URLs in use, for the help (issue 12, point 7). */
  endpoints?: readonly EndpointInUse[];
  /** Alertmanager's route (grouping, inhibit rules) and the levels of alert values: the list and the detail. */
  context?: AlertContext;
  /** The alert history over the time range: the History view and the detail. */
  history?: HistoryDeck;
  /** Called on `q` before Ink unmounts: gives the terminal back at once (Ink's last frame comes later). */
  onQuit?: () => void;
}

const VIEW_KEYS = VIEW_TABLE.map((v) => v.key);
const clampTo = (i: number, n: number) => Math.min(i, Math.max(0, n - 1));

/** The console. */
export function App(p: AppProps) {
  const {
    store,
    size: fixed,
    color = true,
    deck,
    onFault,
    now,
    author,
    silences,
    dependencies,
    endpoints,
    onQuit,
  } = p;
  const { exit } = useApp();
  const size = useTerminalSize(fixed);
  const [view, viewRef, setView] = useRefState(0);
  const viewDef = VIEW_TABLE[view] ?? VIEW_TABLE[0]!;
  // the help's scroll offset while it is open; null when it is closed
  const [help, helpRef, setHelpTop] = useRefState<number | null>(null);
  const setHelp = (open: boolean) => setHelpTop(open ? 0 : null);
  const { mode, modeRef, setMode, filter, setFilter, input, setInput, text } = usePromptState();
  // the selected alert by identity (selection/follow-alert.ts), and where it was last drawn
  const [selKey, selKeyRef, setSelKey] = useRefState<string | null>(null);
  const lastSel = useRef<{ index: number; name: string | null }>({ index: 0, name: null });
  const [message, setMessage] = useState<string | null>(null);
  const alertsModel = useStore(store, (s) => s.models.alerts);
  const silenceState = useSource(silences);
  const alertList = useAlertList(alertsModel, silenceState?.rows, p.context, filter, (now ?? Date.now)());
  const rangeSeconds = useStore(store, (s) => s.rangeSeconds);
  const visibleAlerts = useMemo(
    () => filterItems(alertList.rows, alertList.model.table, filter),
    [alertList, filter],
  );
  // the detail pane (`d`): the alert it shows, by key, and its first line shown
  const [detail, detailRef, setDetail] = useRefState<{ key: string; top: number } | null>(null);
  const historyState = useSource(p.history);
  // the history is fetched only while a view that shows it is on screen (history-deck.ts)
  const historyShown = viewDef.selects === 'history' || detail !== null;
  useEffect(() => (historyShown ? p.history?.watch() : undefined), [historyShown, p.history]);
  // the silences likewise (silence-deck.ts): their view, or a muted alert, whose silence or ack the alert
  // lists and the detail show (ack-note.ts; they read the silences by the alert's silencedBy alone)
  const muted = alertsModel.alerts.some((a) => a.silencedBy.length > 0);
  const silencesShown = viewDef.selects === 'silences' || muted;
  useEffect(() => (silencesShown ? silences?.watch() : undefined), [silencesShown, silences]);
  const followed = follow(visibleAlerts, selKey, lastSel.current.index, lastSel.current.name);
  const sel = followed.index;
  useEffect(() => {
    // keys may have moved the selection since this render: then a newer render follows it, not this one
    if (selKeyRef.current !== selKey) return;
    lastSel.current = { index: followed.index, name: visibleAlerts[followed.index]?.name ?? null };
    // gone from every source, not hidden by the filter: say where the selection went
    const gone = followed.note && !alertsModel.alerts.some((a) => a.key === selKey);
    // a filter that hides every alert (typed for the Runbooks view, say) keeps the selection for later
    if (followed.key !== selKey && visibleAlerts.length > 0) setSelKey(followed.key);
    if (gone) setMessage(followed.note);
  });
  const height = bodyHeight(size.rows);
  // The Runbooks view and the walkthrough (modal: its keys win until Esc closes it).
  const wt = useWalkthrough(deck, setMessage);
  const { deckState, walk, walkRef, walkState } = wt;
  // Due states and last-run ages move with time, not only with the deck (which changes only when a
  // runbook or the journal does): recomputed at each minute's tick, as the header's routines segment is,
  // and at a deck change with the time then (a run just finished reads its true age, not the last tick's).
  const minute = useClock(now);
  const listModel = useMemo(
    () =>
      deck && deckState
        ? runbookList(deckState, deck.port.schedule, Math.max(minute, (now ?? Date.now)()))
        : null,
    [deck, deckState, minute, now],
  );
  const visibleRunbooks = useMemo(
    () => (listModel ? filterItems(listModel.runbooks, listModel.table, filter) : []),
    [listModel, filter],
  );
  const [rbSelected, rbSelectedRef, setRbSelected] = useRefState(0);
  const silenceModel = useMemo(
    () => silenceTable(silenceState?.rows ?? [], (now ?? Date.now)()),
    [silenceState, now],
  );
  const visibleSilences = useMemo(
    () => filterItems(silenceState?.rows ?? [], silenceModel, filter),
    [silenceState, silenceModel, filter],
  );
  const [silSelected, silSelectedRef, setSilSelected] = useRefState(0);
  const historyTableModel = useMemo(() => historyTable(historyState?.history?.events ?? []), [historyState]);
  const visibleHistory = useMemo(
    () => filterItems(historyState?.history?.events.toReversed() ?? [], historyTableModel, filter),
    [historyState, historyTableModel, filter],
  );
  const [histSelected, histSelectedRef, setHistSelected] = useRefState(0);
  const silSel = clampTo(silSelected, visibleSilences.length);
  const rbSel = clampTo(rbSelected, visibleRunbooks.length);
  // the lists as this render shows them, for key handlers (a burst's keys all act on the same rows)
  const visibleRef = useRef({
    alerts: visibleAlerts,
    runbooks: visibleRunbooks,
    silences: visibleSilences,
    history: visibleHistory,
  });
  visibleRef.current = {
    alerts: visibleAlerts,
    runbooks: visibleRunbooks,
    silences: visibleSilences,
    history: visibleHistory,
  };

  // Keys while a walkthrough is open; true when it is (the views' keys wait until it closes).
  function walkKey(ch: string, key: WalkKey): boolean {
    const w = walkRef.current;
    if (!w) return false;
    const action = walkKeyAction(ch, key, w.getState());
    if (action === 'close') wt.close();
    else if (action === 'help') setHelp(true);
    else if (action === 'note') {
      setInput('');
      setMode({ kind: 'note', step: w.getState().selected });
    } else action?.(w);
    return true;
  }

  // Range queries ask for one point per chart column.
  useEffect(() => store.setChartWidth(Math.max(10, size.columns - 10)), [store, size.columns]);

  // Ink re-subscribes the input handler in an effect, which may run after the next key arrives (keys typed
  // in one burst, or one just after a render): the subscribed function calls this render's handler.
  const onKey = useRef<(ch: string, key: Key) => void>(() => {});
  const isFocusReport = useFocusReports(store);
  useInput((ch, key) => void (isFocusReport() || onKey.current(ch, key)));
  // A burst of keys in one read is handled key by key (key-burst.ts); each key reads refs, not this render.
  onKey.current = (input, key) => {
    for (const [ch, k] of splitBurst(input, key)) oneKey(ch, k);
  };
  function oneKey(ch: string, key: KeyFlags) {
    if (modeRef.current.kind !== 'normal') return void promptKey(ch, key);
    if (walkRef.current?.getState().question) return void answerKey(ch, key);
    setMessage(null);
    if (helpRef.current !== null && helpKey(ch, key)) return;
    if (detailRef.current && helpRef.current === null && !walkRef.current && detailKey(ch, key)) return;
    const def = VIEW_TABLE[viewRef.current] ?? VIEW_TABLE[0]!;
    const ctx = { help: helpRef.current !== null, selects: def.selects, viewKeys: VIEW_KEYS };
    const action = consoleKeyAction(ch, key, ctx);
    // Help closes on ? or Esc; any other key closes it too and then does what it always does.
    if (helpRef.current !== null) setHelp(false);
    if (action?.type === 'closeHelp') return;
    if (helpRef.current === null && walkKey(ch, key)) return;
    if (action) apply(action, def.selects);
    else {
      const why = keyElsewhere(ch, ctx);
      if (why) setMessage(why);
    }
  }

  // Keys that scroll the help while it is open; true when it took the key (others close it and act).
  function helpKey(ch: string, key: KeyFlags): boolean {
    const by = helpScrollBy(ch, key, Math.max(1, height - 2));
    const max = helpMaxOffset(size.columns, height, endpointHelpLines(endpoints ?? []));
    // all of it on screen: nothing to scroll, the key closes the help and acts as usual
    if (by === null || max === 0) return false;
    setHelpTop(Math.min(max, Math.max(0, (helpRef.current ?? 0) + by)));
    return true;
  }

  // Keys while the detail pane is open; true when the pane took the key (others act as usual on its alert).
  function detailKey(ch: string, key: KeyFlags): boolean {
    const d = detailRef.current;
    const action = d && detailKeyAction(ch, key, Math.max(1, height - 2));
    if (!d || !action) return false;
    if (action.type === 'close') setDetail(null);
    else if (action.type === 'scroll') {
      const top = Math.max(0, Math.min(d.top + action.by, 200));
      setDetail({ ...d, top: Number.isFinite(top) ? top : 0 });
    } else {
      const a = alertsModel.alerts.find((x) => x.key === d.key);
      setDetail(null);
      if (a) wt.openForAlert(a);
    }
    return true;
  }

  // the selected alert (null on a group's header, or with no alerts), and the footer's word when null
  function selectedAlert(): MergedAlert | null {
    const alerts = visibleRef.current.alerts;
    const row = alerts[alertIndex(alerts)];
    if (row?.group) setMessage(`${row.name} is a group of ${row.group.alerts.length}: ⏎ opens it`);
    return row?.alert ?? null;
  }

  // the selected alert's row in `alerts` (the list the keys act on), or where it last was
  function alertIndex(alerts: readonly { key: string }[]): number {
    const i = alerts.findIndex((a) => a.key === selKeyRef.current);
    return i >= 0 ? i : clampTo(lastSel.current.index, alerts.length);
  }

  function apply(action: ConsoleAction, selects: (typeof VIEW_TABLE)[number]['selects']) {
    const n = VIEW_TABLE.length;
    const alerts = visibleRef.current.alerts;
    const runbooks = visibleRef.current.runbooks;
    switch (action.type) {
      case 'quit':
        onQuit?.();
        return void exit();
      case 'view':
        setDetail(null);
        return setView(action.index);
      case 'cycleView':
        setDetail(null);
        return setView((viewRef.current + action.by + n) % n);
      case 'help':
        return setHelp(true);
      case 'closeHelp':
        return;
      case 'filter':
        return setMode({ kind: 'filter' });
      case 'range':
        return store.cycleRange();
      case 'rate':
        return store.stepInterval(action.by);
      case 'pause':
        return store.togglePause();
      case 'refresh':
        store.refreshNow();
        return void setMessage('refreshing…');
      case 'fault':
        if (!onFault) return void setMessage('faults exist only in the demo: run `mmops demo`');
        setInput('');
        return setMode({ kind: 'fault' });
      case 'move': {
        const page = Math.max(1, height - 4);
        if (selects === 'silences') {
          const rows = visibleRef.current.silences;
          return setSilSelected(
            moveIndex(clampTo(silSelectedRef.current, rows.length), rows.length, action.move, page),
          );
        }
        if (selects === 'history') {
          const rows = visibleRef.current.history;
          return setHistSelected(
            moveIndex(clampTo(histSelectedRef.current, rows.length), rows.length, action.move, page),
          );
        }
        if (selects === 'runbooks') {
          return setRbSelected(
            moveIndex(clampTo(rbSelectedRef.current, runbooks.length), runbooks.length, action.move, page),
          );
        }
        const i = moveIndex(alertIndex(alerts), alerts.length, action.move, page);
        lastSel.current = { index: i, name: alerts[i]?.name ?? null };
        return setSelKey(alerts[i]?.key ?? null);
      }
      case 'expire': {
        const rows = visibleRef.current.silences;
        const row = rows[clampTo(silSelectedRef.current, rows.length)];
        if (!row || !silences) return void setMessage('no silence to expire here');
        setInput('');
        return setMode({ kind: 'confirmExpire', silence: row, summary: silenceSummary(row) });
      }
      case 'detail': {
        const a = selectedAlert();
        if (!a) return void setMessage('no alert selected');
        return setDetail({ key: a.key, top: 0 });
      }
      case 'group':
        return void setMessage(alertList.regroup());
      case 'resume': {
        const rb = runbooks[clampTo(rbSelectedRef.current, runbooks.length)];
        if (!rb) return void setMessage('no runbook selected');
        return void wt.resume(rb);
      }
      case 'open': {
        if (selects === 'silences') return;
        if (selects === 'history') {
          const rows = visibleRef.current.history;
          const e = rows[clampTo(histSelectedRef.current, rows.length)];
          return void (e ? wt.openForEvent(e) : setMessage('no event selected'));
        }
        if (selects === 'runbooks') {
          const rb = runbooks[clampTo(rbSelectedRef.current, runbooks.length)];
          return void (rb && wt.open(rb));
        }
        const row = alerts[alertIndex(alerts)];
        if (row?.group) return alertList.toggle(row.key);
        return void (row?.alert && wt.openForAlert(row.alert));
      }
      case 'ack': {
        const a = selectedAlert();
        if (!a) return void setMessage('no alert selected to acknowledge');
        setInput('');
        return setMode(commentMode(a, DEFAULT_ACK_POLICY.extendByMs, true));
      }
      case 'silence': {
        const a = selectedAlert();
        if (!a) return void setMessage('no alert selected to silence');
        // already silenced: offer its silence (extend, expire) before a second one
        const existing = a.state === 'silenced' ? silenceOf(a, silences?.getState()?.rows ?? []) : null;
        if (existing) {
          setInput('');
          const summary = `${a.name} is ${existing.ack ? 'acked' : 'silenced'} by ${existing.createdBy} (${commentText(existing.comment)}, ends ${new Date(existing.endsAt).toISOString().slice(11, 16)})`;
          return setMode({ kind: 'silenced', alert: a, silence: existing, summary });
        }
        setInput('1h');
        return setMode({ kind: 'duration', alert: a });
      }
    }
  }

  // the one way a silence is expired, from the silences view's question or from `s` on a silenced alert
  function expireSilence(row: SilenceRow): void {
    if (!silences) return void setMessage('nothing changed');
    setMessage(`expiring ${row.id}…`);
    void silences.expire(row).then(setMessage, (e) => setMessage(String(e)));
  }

  function commentMode(alert: MergedAlert, ms: number, ack: boolean): Mode {
    return {
      kind: 'comment',
      alert,
      ms,
      ack,
      preview: `${ack ? 'ack' : 'silence'} ${silencePreview(alert, alertsModel.alerts, author)}`,
    };
  }

  function promptKey(ch: string, key: EditKey) {
    const filtering = modeRef.current.kind === 'filter';
    const r = lineEdit(filtering ? text.current.filter : text.current.input, ch, key);
    if (r.action === 'cancel') {
      if (filtering) setFilter('');
      return void setMode({ kind: 'normal' });
    }
    (filtering ? setFilter : setInput)(r.text);
    if (r.action === 'submit') submit();
  }

  // A walkthrough's question (a typed confirmation, a manual step, a param): typed into the footer.
  function answerKey(ch: string, key: EditKey) {
    const r = lineEdit(text.current.input, ch, key);
    if (r.action === 'edit') return void setInput(r.text);
    setInput('');
    walkRef.current?.answer(r.action === 'submit' ? r.text : null);
  }

  function submit() {
    const mode = modeRef.current;
    const input = text.current.input;
    if (mode.kind === 'filter') return void setMode({ kind: 'normal' });
    if (mode.kind === 'note') {
      setMode({ kind: 'normal' });
      setInput('');
      walkRef.current?.note(input);
      return void setMessage(input.trim() ? 'note added' : null);
    }
    if (mode.kind === 'fault') {
      setMode({ kind: 'normal' });
      setInput('');
      return void setMessage(onFault ? onFault(input.trim()) : null);
    }
    if (mode.kind === 'silenced') {
      setInput('');
      const choice = input.trim().toLowerCase();
      if (choice === 'n') {
        setInput('1h');
        return void setMode({ kind: 'duration', alert: mode.alert });
      }
      if (choice === 'e') return void setMode({ kind: 'extend', alert: mode.alert, silence: mode.silence });
      setMode({ kind: 'normal' });
      return choice === 'x' ? expireSilence(mode.silence) : void setMessage('nothing changed');
    }
    if (mode.kind === 'confirmExpire') {
      setInput('');
      setMode({ kind: 'normal' });
      const yes = ['y', 'yes'].includes(input.trim().toLowerCase());
      return yes ? expireSilence(mode.silence) : void setMessage('nothing changed');
    }
    if (mode.kind === 'extend') {
      setInput('');
      setMode({ kind: 'normal' });
      let d: ReturnType<typeof parseSilenceDuration>;
      try {
        d = parseSilenceDuration(input);
      } catch (err) {
        return void setMessage((err as Error).message);
      }
      if (!silences) return;
      return void silences
        .extend(mode.silence, Date.now() + d.ms)
        .then(setMessage, (e) => setMessage(String(e)));
    }
    if (mode.kind === 'duration') {
      setInput('');
      let d: ReturnType<typeof parseSilenceDuration>;
      try {
        d = parseSilenceDuration(input);
      } catch (err) {
        // never a silent default: the prompt closes and says why
        setMode({ kind: 'normal' });
        return void setMessage((err as Error).message);
      }
      if (d.long)
        return void setMode({ kind: 'confirmLong', alert: mode.alert, ms: d.ms, duration: input.trim() });
      return void setMode(commentMode(mode.alert, d.ms, false));
    }
    if (mode.kind === 'confirmLong') {
      setInput('');
      if (input.trim().toLowerCase() !== 'yes') {
        setMode({ kind: 'normal' });
        return void setMessage(`not silenced: ${mode.duration} was not confirmed`);
      }
      return void setMode(commentMode(mode.alert, mode.ms, false));
    }
    if (mode.kind === 'comment') {
      const { alert, ms, ack } = mode;
      // a comment is required: an empty one keeps the prompt open
      if (!input.trim()) return;
      setMode({ kind: 'normal' });
      setInput('');
      setMessage(`${ack ? 'acking' : 'silencing'} ${alert.name}…`);
      const comment = ack ? ackComment(input.trim()) : input.trim();
      // An alert only the engine raises is silenced in the engine (its own API v2), whose notifiers honour
      // it; the store's silence only reaches Alertmanager. One Prometheus fires goes to Alertmanager even
      // before Alertmanager lists it (a silence is matchers: it mutes the alert when it arrives), else an
      // ack made in that moment would mute only the engine's copy, whose labels lack job and instance.
      const done = (m: string) => setMessage(ack ? m.replace(/^silenced /, 'acked ') : m);
      if (silences && alert.sources.every((x) => x === 'engine')) {
        const start = Date.now();
        const req = {
          matchers: matchersFor({ alertname: alert.name, ...alert.labels }),
          startsAt: new Date(start),
          endsAt: new Date(start + ms),
          createdBy: author ?? 'mmops',
          comment,
        };
        return void silences.create('engine', req).then(
          (m) => done(m.replace(/^silenced in engine/, `silenced ${alert.name} in the engine`)),
          (e) => setMessage(String(e)),
        );
      }
      store.silence(alert, ms, comment).then(done, (e) => setMessage(String(e)));
    }
  }

  const prompt = promptText(mode, filter, input, walkState ? walkPrompt(walkState) : null);
  const View = viewDef.component ?? Overview;
  const props: ViewProps = {
    store,
    width: size.columns,
    height,
    filter,
    selected: sel,
    alerts: alertList.model,
  };
  const detailAlert = detail ? alertsModel.alerts.find((a) => a.key === detail.key) : undefined;
  const body =
    help !== null ? (
      <Help width={size.columns} height={height} offset={help} {...(endpoints ? { endpoints } : {})} />
    ) : walk ? (
      <Walkthrough walk={walk} width={size.columns} height={height} />
    ) : detail ? (
      detailAlert ? (
        <AlertDetailPane
          alert={detailAlert}
          sources={{
            alerts: alertsModel.alerts,
            now: (now ?? Date.now)(),
            silences: silenceState?.rows ?? [],
            route: alertList.route,
            level: p.context?.level,
            history: historyState,
            runbooks: deckState?.runbooks ?? [],
            entries: deckState?.entries ?? [],
          }}
          width={size.columns}
          height={height}
          top={detail.top}
        />
      ) : (
        <Text dimColor>{'  the alert is gone (resolved); Esc closes the detail'}</Text>
      )
    ) : viewDef.selects === 'history' ? (
      <History
        state={historyState}
        table={historyTableModel}
        width={size.columns}
        height={height}
        filter={filter}
        selected={clampTo(histSelected, visibleHistory.length)}
      />
    ) : viewDef.selects === 'silences' ? (
      silences ? (
        <Silences
          state={silenceState}
          width={size.columns}
          height={height}
          filter={filter}
          selected={silSel}
          now={(now ?? Date.now)()}
        />
      ) : (
        <Text dimColor>{'  no silences source in this console'}</Text>
      )
    ) : viewDef.selects === 'runbooks' ? (
      listModel ? (
        <Runbooks
          model={listModel}
          errors={deckState?.errors ?? []}
          width={size.columns}
          height={height}
          filter={filter}
          selected={rbSel}
        />
      ) : (
        <Text dimColor>{'  no runbooks in this console (mmops runbook list shows what loads)'}</Text>
      )
    ) : (
      <View {...props} />
    );
  return (
    <ColorContext.Provider value={color}>
      <Box flexDirection="column" width={size.columns} height={size.rows - 1} overflow="hidden">
        <Header
          store={store}
          width={size.columns}
          deck={deck}
          dependencies={dependencies}
          view={viewIndicator(viewDef)}
          {...(now ? { now } : {})}
        />
        <ErrorBoundary resetKey={`${view}${walk ? 'w' : ''}`}>
          <ChartRangeContext.Provider value={rangeSeconds}>{body}</ChartRangeContext.Provider>
        </ErrorBoundary>
        <Footer
          width={size.columns}
          prompt={prompt}
          message={
            message ??
            walkState?.message ??
            (filter && mode.kind === 'normal' && !walk
              ? `filter: /${filter}  (/ to edit, Esc in it clears)`
              : null)
          }
          {...(walkState ? { keys: walkKeys(walkState) } : {})}
        />
      </Box>
    </ColorContext.Provider>
  );
}
