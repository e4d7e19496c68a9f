/** The header line: overall state, sources with data age, refresh, range, routines, clock (HH:MM). */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { DependencyPoller } from '../data/dependency-poller.js';
import { pollInterval } from '../focus.js';
import { useClock } from '../hooks/use-clock.js';
import { type Subscribable, useSource } from '../hooks/use-source.js';
import { useStore } from '../hooks/use-store.js';
import { type RunbookDeck, routinesOf } from '../runbooks/deck.js';
import type { ConsoleStore } from '../store.js';
import { useStateColor } from './color.js';
import { dependencySegment } from './dependency-line.js';
import { headerSegments, type Segment } from './header-line.js';

function Piece({ seg }: { seg: Segment }) {
  const color = useStateColor(seg.state ?? 'ok');
  return (
    <Text color={seg.state && seg.state !== 'ok' ? color : undefined} bold={seg.bold ?? false}>
      {seg.text}
    </Text>
  );
}

// A poller as useSource follows it (one adapter per poller, so React sees the same subscribe each render).
const adapters = new WeakMap<
  DependencyPoller,
  Subscribable<ReturnType<DependencyPoller['poller']['snapshot']>>
>();
function pollerSource(d: DependencyPoller) {
  let a = adapters.get(d);
  if (!a) {
    a = { getState: () => d.poller.snapshot(), subscribe: (l) => d.poller.subscribe(() => l()) };
    adapters.set(d, a);
  }
  return a;
}

/** The header. */
export const Header = memo(function Header({
  store,
  width,
  now,
  deck,
  view,
  dependencies,
}: {
  store: ConsoleStore;
  /** The view indicator ("5 Alerts"), shown after the state. */
  view?: string;
  width: number;
  now?: () => number;
  /** The runbooks and journal: the routines' due state. */
  deck?: RunbookDeck | undefined;
  /** The other configured dependencies (Grafana, MLflow, the model service, the database) and their checks. */
  dependencies?: DependencyPoller | null | undefined;
}) {
  const t = useClock(now);
  const overall = useStore(store, (s) => s.overall);
  const sources = useStore(store, (s) => s.sources);
  const rangeSeconds = useStore(store, (s) => s.rangeSeconds);
  const intervalMs = useStore(store, (s) => s.intervalMs);
  const paused = useStore(store, (s) => s.paused);
  const pausedAt = useStore(store, (s) => s.pausedAt);
  const unfocused = useStore(store, (s) => s.unfocused);
  const note = useStore(store, (s) => s.focusNote);
  const deckState = useSource(deck);
  const routines = deck ? routinesOf(deckState, deck.port.schedule, t) : null;
  const checks = useSource(dependencies ? pollerSource(dependencies) : null)?.data ?? null;
  const depFull = dependencies ? dependencySegment(dependencies.names, checks) : null;
  const depCompact = dependencies ? dependencySegment(dependencies.names, checks, true) : null;
  const segs = headerSegments({
    overall,
    sources,
    now: t,
    rangeSeconds,
    intervalMs,
    paused,
    pausedAt,
    unfocused,
    pollMs: pollInterval(intervalMs, unfocused),
    focusNote: note,
    // the view indicator goes in after the fit: leave its room
    width: view ? width - view.length - 4 : width,
    routines,
    deps: depFull && depCompact ? { full: depFull, compact: depCompact } : null,
  });
  const shown = view ? [...segs.slice(0, 2), { text: `[${view}]`, bold: true }, ...segs.slice(2)] : segs;
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        {shown.map((s, i) => (
          <Text key={s.text.split(' ')[0]}>
            {i > 0 ? '  ' : ''}
            <Piece seg={s} />
          </Text>
        ))}
      </Text>
    </Box>
  );
});
