/**
 * The alert list as the overview and the Alerts view show it: grouped (the route's group_by, or the label
 * `b` picks), groups opened and closed by Enter, and "acked by ..." on each acked alert.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ackNotes, ackText } from '../data/ack-note.js';
import type { AlertContext, RouteInfo } from '../data/alert-context.js';
import {
  type AlertListRow,
  type Grouping,
  groupAlerts,
  groupingChoices,
  listTable,
} from '../data/alert-groups.js';
import type { MergedAlert } from '../panels/alerts.js';
import type { PanelModel } from '../panels/model.js';
import type { SilenceRow } from '../silence/silence-deck.js';

/** What the app gets. */
export interface AlertList {
  rows: AlertListRow[];
  model: PanelModel;
  grouping: Grouping;
  route: RouteInfo | null;
  /** Opens or closes the group `key`. */
  toggle(key: string): void;
  /** The next grouping; resolves to the footer's line. */
  regroup(): string;
}

const NONE: readonly SilenceRow[] = [];
const FLAT: Grouping = { by: [], from: 'none' };

/** The list over `model`'s alerts; `now` ticks the ack ages. */
export function useAlertList(
  model: PanelModel & { alerts: MergedAlert[] },
  silenceRows: readonly SilenceRow[] | undefined,
  context: AlertContext | undefined,
  filter: string,
  now: number,
): AlertList {
  const [route, setRoute] = useState<RouteInfo | null>(null);
  const [pick, setPick] = useState<Grouping | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let live = true;
    context?.route().then(
      (r) => live && setRoute(r),
      (err: unknown) =>
        live && setRoute({ grouping: null, inhibitRule: () => null, note: (err as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [context]);
  const grouping = pick ?? route?.grouping ?? FLAT;
  const rowsOf = silenceRows ?? NONE;
  const minute = Math.floor(now / 60_000); // ack ages are shown in minutes
  // biome-ignore lint/correctness/useExhaustiveDependencies: `minute` stands for `now`, which ticks too often
  const list = useMemo(() => {
    const acks = new Map([...ackNotes(model.alerts, rowsOf)].map(([k, n]) => [k, ackText(n, now)]));
    // a filter searches every alert, so it shows them ungrouped
    const rows = groupAlerts(model.alerts, filter.trim() ? [] : grouping.by, open);
    const table = listTable(rows, model, acks, now);
    const grouped = grouping.by.length
      ? `grouped by ${grouping.by.join(',')} (${grouping.from}) · b regroups, ⏎ opens a group`
      : null;
    const note = model.note ?? grouped ?? undefined;
    return { rows, model: { ...model, table, ...(note ? { note } : {}) } };
  }, [model, rowsOf, grouping, open, filter, minute]);
  const choices = useRef<Grouping[]>([]);
  choices.current = groupingChoices(route?.grouping ?? null, model.alerts);
  return {
    ...list,
    grouping,
    route,
    toggle: (key) =>
      setOpen((prev) => {
        const next = new Set(prev);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    regroup: () => {
      const all = choices.current;
      const at = all.findIndex((g) => g.by.join(',') === grouping.by.join(','));
      const next = all[(at + 1) % all.length] ?? FLAT;
      setPick(next);
      return next.by.length ? `grouped by ${next.by.join(',')} (${next.from})` : 'not grouped';
    },
  };
}
