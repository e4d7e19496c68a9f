/**
 * The console room. The Ink app loads only through runConsole (a dynamic import), so `mmops status` and
 * `mmops alerts`, which use the same models as plain text, start without React or Ink.
 */
import type { RunConsoleOptions } from './run.js';

export type { EndpointInUse } from './components/dependency-line.js';
export { holdThroughHangup } from './components/tty-release.js';
export { type AckNote, ackNotes, ackText } from './data/ack-note.js';
export type { AlertContext, LevelOf, RouteInfo } from './data/alert-context.js';
export {
  engineEvents,
  type HistoryEvent,
  mergeHistory,
  promTransitions,
  runEvents,
  silenceEvents,
} from './data/alert-history.js';
export { type AlertHistory, fetchHistory, type HistoryClients } from './data/history-fetch.js';
export { routeGrouping } from './data/route-group-by.js';
export { type AlertLevelLookup, type AlertLevels, alertDoc, statusJson } from './json-docs.js';
export { alertsDocSchema, statusDocSchema } from './json-schema.js';
export type { MergedAlert } from './panels/alerts.js';
export { buildPanels, overallState, PANEL_ORDER, type PanelModels } from './panels/build.js';
export type { PanelModel } from './panels/model.js';
export { type PanelState, STATE_TEXT, worst } from './panels/state.js';
export type { RunConsoleOptions } from './run.js';
export type { RunbookPort, SessionRequest } from './runbooks/port.js';
export {
  type AlertsSnapshot,
  anyUnreachable,
  collectAlerts,
  collectStatus,
  type SourceCheck,
  type StatusSnapshot,
} from './snapshot.js';
export { alertsText, statusText } from './text-report.js';

let loading: Promise<typeof import('./run.js')> | null = null;
// `npm run build` bundles run.js with Ink and React into dist/console-bundle/ (scripts/bundle-console.mjs):
// one file loads several times faster than Ink's hundreds. Without it (from sources), the plain modules.
const BUNDLE = new URL('../console-bundle/run.js', import.meta.url);

/** Starts loading Ink and the app now (call before reading the config: the first frame comes sooner). */
export function preloadConsole(): void {
  loading ??= (import(BUNDLE.href) as Promise<typeof import('./run.js')>).catch((err: { code?: string }) => {
    // only a missing bundle falls back: a bundle that fails to load is a broken build, and says so
    if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err).includes(BUNDLE.pathname))
      return import('./run.js');
    throw err;
  });
}

/** Runs the full-screen console (loads Ink on first call); resolves to the exit code. */
export async function runConsole(opts: RunConsoleOptions): Promise<number> {
  preloadConsole();
  return (await loading!).runConsole(opts);
}
