/**
 * `mmops console`: the full-screen app against the configured sources. It owns the terminal: the
 * alternate screen on start and back on every way out (quit, crash, SIGTERM, SIGHUP, a vanished tty).
 */
import { hostname, userInfo } from 'node:os';
import { render } from 'ink';
import type { Config } from '../config/index.js';
import type { LevelBook } from '../monitor/index.js';
import { createAlertmanagerClient, onBeat, processPhaseMs } from '../sources/index.js';
import { App } from './app.js';
import { colorDisabled } from './components/color.js';
import type { EndpointInUse } from './components/dependency-line.js';
import { diffingStdout } from './components/frame-writer.js';
import { holdThroughHangup, releaseTerminal } from './components/tty-release.js';
import type { AlertContext } from './data/alert-context.js';
import { DEPENDENCIES_EVERY_MS, dependencyPoller } from './data/dependency-poller.js';
import { createHistoryDeck, HISTORY_EVERY_MS } from './data/history-deck.js';
import { holdSecondsOf } from './data/prom-queries.js';
import { keepOnBeat } from './data/side-beat.js';
import { FOCUS_REPORTS_OFF, FOCUS_REPORTS_ON } from './focus.js';
import type { PanelErrorSink } from './panels/build.js';
import { createDeck } from './runbooks/deck.js';
import type { RunbookPort } from './runbooks/port.js';
import { createSilenceDeck, SILENCES_EVERY_MS } from './silence/silence-deck.js';
import { clientsFor, pollersFor } from './sources.js';
import { createConsoleStore } from './store.js';

const ENTER_ALT = `\x1b[?1049h${FOCUS_REPORTS_ON}`;
const LEAVE_ALT = `${FOCUS_REPORTS_OFF}\x1b[?1049l\x1b[?25h`;
const HOME = '\x1b[H';

/** Console options; the streams default to the process's. */
export interface RunConsoleOptions {
  config: Config;
  /** The levels every panel and the header judge with (monitor's level book from `config`). */
  levels: LevelBook;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
  intervalMs?: number;
  /** The runbooks and journal: the Runbooks view, walkthroughs (Enter on an alert), the routines. */
  runbooks?: RunbookPort;
  /** Hears every panel that could not be built (the CLI appends it to the console log). */
  onPanelError?: PanelErrorSink;
  /** `mmops demo`: the `f` key's fault switch. */
  onFault?: (command: string) => string;
  /** The URLs in use and where they came from, for the help. */
  endpoints?: readonly EndpointInUse[];
  /** Alertmanager's route (grouping, inhibit rules) and alert levels: the alert list and the detail. */
  alertContext?: AlertContext;
  /** Quits the console when it resolves (`mmops demo`: its stop signal, even one that came before the console listened). */
  stop?: Promise<unknown>;
}

/** Runs the console until the operator quits or the terminal goes away; resolves to the exit code. */
export async function runConsole(o: RunConsoleOptions): Promise<number> {
  const stdout = o.stdout ?? process.stdout;
  const stdin = o.stdin ?? process.stdin;
  const stderr = o.stderr ?? process.stderr;
  if (!stdin.isTTY || !stdout.isTTY) {
    stderr.write('mmops console needs a terminal; for scripts use `mmops status` or `mmops alerts`\n');
    return 2;
  }
  const clients = clientsFor(o.config);
  const window = {
    rangeSeconds: 900,
    chartWidth: Math.max(10, (stdout.columns || 80) - 10),
    rateWindow: o.config.alerting.rate_window,
    holdSeconds: holdSecondsOf(o.levels),
  };
  const intervalMs = o.intervalMs ?? 2000;
  // Every poller of this console ticks on one beat (poller.ts): the polls that are slower than the refresh
  // run at multiples of it (onBeat), so the process wakes once a refresh (issue 16).
  const phaseMs = processPhaseMs();
  const pollers = pollersFor(clients, o.config, window, intervalMs, phaseMs);
  const author = safeUser();
  const store = createConsoleStore({
    pollers,
    levels: o.levels,
    ...(o.onPanelError ? { onPanelError: o.onPanelError } : {}),
    urls: {
      prometheus: clients.prometheus.url,
      alertmanager: clients.alertmanager.url,
      ...(clients.engine ? { engine: clients.engine.url } : {}),
    },
    alertmanager: clients.alertmanager,
    user: author,
    intervalMs,
    window,
    coalesce: true,
  });

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      stdout.write(LEAVE_ALT);
    } catch {
      // the terminal is gone: nothing to restore
    }
  };
  stdout.write(ENTER_ALT + HOME);
  // Alertmanager's silences and the engine's own (the same API v2), for the Silences view
  const engineUrl = o.config.sources.engine_url;
  const engineSilences =
    engineUrl === null
      ? null
      : createAlertmanagerClient({ url: engineUrl, timeoutMs: o.config.sources.timeout_seconds * 1000 });
  const silences = createSilenceDeck(
    [
      { name: 'alertmanager', client: clients.alertmanager },
      ...(engineSilences ? [{ name: 'engine' as const, client: engineSilences }] : []),
    ],
    onBeat(intervalMs, SILENCES_EVERY_MS),
    undefined,
    phaseMs,
  );
  const deck = o.runbooks ? createDeck(o.runbooks) : undefined;
  const dependencies = dependencyPoller(o.config, intervalMs, phaseMs);
  // the History view and the detail's history: the same events as `mmops alerts history`, over the range
  const history = createHistoryDeck({
    clients: {
      prometheus: clients.prometheus,
      engine: clients.engine,
      silences: [
        { name: 'alertmanager', client: clients.alertmanager },
        ...(engineSilences ? [{ name: 'engine' as const, client: engineSilences }] : []),
      ],
    },
    rangeMs: () => window.rangeSeconds * 1000,
    runs: () => deck?.getState().entries ?? [],
    intervalMs: onBeat(intervalMs, HISTORY_EVERY_MS),
    phaseMs,
  });
  // Nobody reads the Silences, the History, the routines or the dependencies while the console is paused
  // or unfocused: their polls stop meanwhile (issue 16: <= 0.2 % CPU then), and each fetches at once when
  // the operator is back. The panels' own sources slow down instead (store.ts), so alerts still arrive.
  const sideDecks = [
    silences,
    history,
    ...(deck ? [deck] : []),
    ...(dependencies ? [dependencies.poller] : []),
  ];
  const offBeat = keepOnBeat(store, [
    { poll: silences, atLeastMs: SILENCES_EVERY_MS },
    { poll: history, atLeastMs: HISTORY_EVERY_MS },
    ...(dependencies ? [{ poll: dependencies.poller, atLeastMs: DEPENDENCIES_EVERY_MS }] : []),
  ]);
  let sideOn = true;
  const idleSideDecks = store.subscribe(() => {
    const { paused, unfocused } = store.getState();
    if (sideOn === (paused || unfocused)) {
      sideOn = !sideOn;
      for (const d of sideDecks) sideOn ? d.start() : d.stop();
    }
  });
  const app = render(
    <App
      store={store}
      author={author}
      silences={silences}
      history={history}
      {...(o.alertContext ? { context: o.alertContext } : {})}
      onQuit={restore}
      color={!colorDisabled()}
      {...(deck ? { deck } : {})}
      {...(o.onFault ? { onFault: o.onFault } : {})}
      dependencies={dependencies}
      {...(o.endpoints ? { endpoints: o.endpoints } : {})}
    />,
    {
      stdout: diffingStdout(stdout, () => restored),
      stdin,
      stderr,
      exitOnCtrlC: true,
      patchConsole: false,
      // Ink 6.8's incremental mode moves the cursor up one line too few when a frame ends with a newline
      // (every frame shorter than the terminal), so each redraw lands a line lower and the screen scrolls;
      // seen in tmux. The standard mode erases and rewrites the frame, and only when its text changed;
      // diffingStdout then sends the terminal only the lines that changed, addressed from the top-left.
      incrementalRendering: false,
      maxFps: 10,
    },
  );
  // The first frame goes out before any source is asked or any runbook read (issue 16: <= 300 ms): those
  // start once Ink has written it, and their answers draw the next frame.
  const begin = setImmediate(() => {
    store.start();
    if (sideOn) for (const d of sideDecks) d.start();
  });

  // Every way out ends in unmount; a closed terminal must end the process, never leave it spinning.
  const quit = () => {
    try {
      app.unmount();
    } catch {
      // Ink resets raw mode on unmount, which throws EIO on a terminal that is gone
    }
  };
  let gone = false;
  const hangup = () => {
    gone = true;
    holdThroughHangup(); // the listeners below go with the console; a later SIGHUP must not end the exit
    restored = true; // there is no screen to restore, and writing to it would fail
    quit();
  };
  const crash = (err: unknown) => {
    quit();
    restore();
    if (gone) releaseTerminal([stdin, stdout, stderr]);
    else stderr.write(`mmops console: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  };
  // One table of every listener, so what is attached is exactly what is detached. SIGINT from outside
  // (`kill -INT`; Ctrl-C is a key here, raw mode) quits as SIGTERM does: Node's default would end the
  // process with the terminal left in the alternate screen and raw mode.
  const listeners: Array<[NodeJS.EventEmitter, string, (err: unknown) => void]> = [
    [process, 'SIGINT', quit],
    [process, 'SIGTERM', quit],
    [process, 'SIGHUP', hangup],
    [process, 'exit', restore],
    [process, 'uncaughtException', crash],
    [stdout, 'error', hangup],
    [stdin, 'error', hangup],
    [stdin, 'end', hangup],
    [stdin, 'close', hangup],
  ];
  for (const [emitter, event, fn] of listeners) emitter.on(event, fn);
  void o.stop?.then(quit);
  try {
    await app.waitUntilExit();
  } finally {
    store.stop();
    clearImmediate(begin);
    idleSideDecks();
    offBeat();
    for (const d of sideDecks) d.stop();
    restore();
    for (const [emitter, event, fn] of listeners) emitter.off(event, fn);
    if (gone) releaseTerminal([stdin, stdout, stderr]);
  }
  return 0;
}

/** Who silences and acks: $MMOPS_AUTHOR, else user@host (never a fixed name colleagues cannot reach). */
function safeUser(): string {
  if (process.env.MMOPS_AUTHOR?.trim()) return process.env.MMOPS_AUTHOR.trim();
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `${process.env.USER ?? 'unknown'}@${hostname()}`;
  }
}
