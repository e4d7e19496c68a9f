/** The console app: header, the current view (or help), footer; all keys handled here. */
import { Box, type Key, Text, useApp, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseDuration } from '../config/index.js';
import { ColorContext } from './components/color.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { filterItems } from './components/fit-table.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { type EditKey, lineEdit } from './components/line-edit.js';
import { promptText } from './components/prompt-mode.js';
import { usePromptState } from './hooks/use-prompt-state.js';
import { useStore } from './hooks/use-store.js';
import { type Size, useTerminalSize } from './hooks/use-terminal-size.js';
import { useWalkthrough } from './hooks/use-walkthrough.js';
import type { RunbookDeck } from './runbooks/deck.js';
import { runbookList } from './runbooks/list-model.js';
import { type WalkKey, walkKeyAction } from './runbooks/walk-keys.js';
import { walkKeys, walkPrompt } from './runbooks/walk-model.js';
import type { ConsoleStore } from './store.js';
import { Alerts } from './views/alerts.js';
import { DriftQuality } from './views/drift-quality.js';
import { Help } from './views/help.js';
import { bodyHeight } from './views/layout.js';
import { Overview } from './views/overview.js';
import { Performance } from './views/performance.js';
import { Resources } from './views/resources.js';
import { Runbooks } from './views/runbooks.js';
import { VIEWS, type ViewProps } from './views/view-props.js';
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
}

const VIEW_COMPONENTS = [Overview, DriftQuality, Performance, Resources, Alerts] as const;

const RUNBOOKS_VIEW = 5;

/** The console. */
export function App({ store, size: fixed, color = true, deck, onFault, now }: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize(fixed);
  const [view, setView] = useState(0);
  const [help, setHelpState] = useState(false);
  const helpRef = useRef(help);
  const setHelp = (h: boolean) => {
    helpRef.current = h;
    setHelpState(h);
  };
  const { mode, modeRef, setMode, filter, setFilter, input, setInput, text } = usePromptState();
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const alertsModel = useStore(store, (s) => s.models.alerts);
  const visibleAlerts = useMemo(
    () => filterItems(alertsModel.alerts, alertsModel.table, filter),
    [alertsModel, filter],
  );
  const sel = Math.min(selected, Math.max(0, visibleAlerts.length - 1));
  const current = visibleAlerts[sel];
  const height = bodyHeight(size.rows);
  const alertsShown = view === 0 || view === 4;
  // The Runbooks view and the walkthrough (modal: its keys win until Esc closes it).
  const wt = useWalkthrough(deck, setMessage);
  const { deckState, walk, walkRef, walkState } = wt;
  const listModel = useMemo(
    () => (deck && deckState ? runbookList(deckState, deck.port.schedule, (now ?? Date.now)()) : null),
    [deck, deckState, now],
  );
  const visibleRunbooks = useMemo(
    () => (listModel ? filterItems(listModel.runbooks, listModel.table, filter) : []),
    [listModel, filter],
  );
  const [rbSelected, setRbSelected] = useState(0);
  const rbSel = Math.min(rbSelected, Math.max(0, visibleRunbooks.length - 1));

  // Keys while a walkthrough is open; true when it is (the views' keys wait until it closes).
  function walkKey(ch: string, key: WalkKey): boolean {
    const w = walkRef.current;
    if (!w) return false;
    const action = walkKeyAction(ch, key);
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
  useInput((ch, key) => onKey.current(ch, key));
  onKey.current = (ch, key) => {
    if (modeRef.current.kind !== 'normal') return void promptKey(ch, key);
    if (walkRef.current?.getState().question) return void answerKey(ch, key);
    if (helpRef.current) return void setHelp(false);
    setMessage(null);
    if (walkKey(ch, key)) return;
    if (ch === 'q') return void exit();
    if (ch >= '1' && ch <= String(VIEWS.length)) return void setView(Number(ch) - 1);
    if (key.tab) return void setView((v) => (v + (key.shift ? VIEWS.length - 1 : 1)) % VIEWS.length);
    if (ch === '?') return void setHelp(true);
    if (ch === '/') return void setMode({ kind: 'filter' });
    if (ch === 't') return store.cycleRange();
    if (ch === '+' || ch === '=') return store.stepInterval(1);
    if (ch === '-' || ch === '_') return store.stepInterval(-1);
    if (ch === 'p') return store.togglePause();
    if (ch === 'r') {
      store.refreshNow();
      return void setMessage('refreshing…');
    }
    if (ch === 'f') {
      if (!onFault) return void setMessage('faults exist only in the demo: run `mmops demo`');
      setInput('');
      return void setMode({ kind: 'fault' });
    }
    if (view === RUNBOOKS_VIEW) {
      if (key.upArrow || ch === 'k') return void setRbSelected(Math.max(0, rbSel - 1));
      if (key.downArrow || ch === 'j')
        return void setRbSelected(Math.min(visibleRunbooks.length - 1, rbSel + 1));
      const rb = visibleRunbooks[rbSel];
      if (key.return && rb) wt.open(rb);
      return;
    }
    if (!alertsShown) return;
    if (key.upArrow || ch === 'k') return void setSelected(Math.max(0, sel - 1));
    if (key.downArrow || ch === 'j') return void setSelected(Math.min(visibleAlerts.length - 1, sel + 1));
    if (key.return && current) return void wt.openForAlert(current);
    if (ch === 's' && current) {
      setInput('1h');
      setMode({ kind: 'duration', alert: current });
    }
  };

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
    if (mode.kind === 'duration') {
      let ms: number;
      try {
        ms = parseDuration(input.trim()) * 1000;
      } catch {
        return void setMessage(`not a duration: ${input} (e.g. 30m, 2h)`);
      }
      setInput('');
      return void setMode({ kind: 'comment', alert: mode.alert, ms });
    }
    if (mode.kind === 'comment') {
      const { alert, ms } = mode;
      setMode({ kind: 'normal' });
      setMessage(`silencing ${alert.name}…`);
      store
        .silence(alert, ms, input.trim() || 'silenced from mmops console')
        .then(setMessage, (e) => setMessage(String(e)));
    }
  }

  const prompt = promptText(mode, filter, input, walkState ? walkPrompt(walkState) : null);
  const View = VIEW_COMPONENTS[view] ?? Overview;
  const props: ViewProps = { store, width: size.columns, height, filter, selected: sel };
  const body = help ? (
    <Help width={size.columns} height={height} />
  ) : walk ? (
    <Walkthrough walk={walk} width={size.columns} height={height} />
  ) : view === RUNBOOKS_VIEW ? (
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
        <Header store={store} width={size.columns} deck={deck} {...(now ? { now } : {})} />
        <ErrorBoundary resetKey={`${view}${walk ? 'w' : ''}`}>{body}</ErrorBoundary>
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
