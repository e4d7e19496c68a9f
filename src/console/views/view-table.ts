/**
 * Every view of the console as data: its key, its title, its component and what its list selects. The key
 * map, the footer, the help and the header's indicator all read this one table (as vitest's reporter
 * registry maps a name to an implementation), so no view is addressed by number anywhere else.
 */
import type { ComponentType } from 'react';
import { Alerts } from './alerts.js';
import { DriftQuality } from './drift-quality.js';
import { Overview } from './overview.js';
import { Performance } from './performance.js';
import { Resources } from './resources.js';
import type { ViewProps } from './view-props.js';

/** What a view's list holds: the keys ↑↓ ⏎ s act on it. */
export type Selects = 'alerts' | 'runbooks' | 'silences' | 'history' | 'none';

/** One view. */
export interface ViewDef {
  id: 'overview' | 'drift' | 'performance' | 'resources' | 'alerts' | 'runbooks' | 'silences' | 'history';
  key: string;
  title: string;
  /** null for the Runbooks, Silences and History views, which the app draws from their decks, not the store. */
  component: ComponentType<ViewProps> | null;
  selects: Selects;
}

/** The views in key order. */
export const VIEW_TABLE: readonly ViewDef[] = [
  { id: 'overview', key: '1', title: 'Overview', component: Overview, selects: 'alerts' },
  { id: 'drift', key: '2', title: 'Drift & quality', component: DriftQuality, selects: 'none' },
  { id: 'performance', key: '3', title: 'Performance', component: Performance, selects: 'none' },
  { id: 'resources', key: '4', title: 'Resources', component: Resources, selects: 'none' },
  { id: 'alerts', key: '5', title: 'Alerts', component: Alerts, selects: 'alerts' },
  { id: 'runbooks', key: '6', title: 'Runbooks', component: null, selects: 'runbooks' },
  { id: 'silences', key: '7', title: 'Silences', component: null, selects: 'silences' },
  { id: 'history', key: '8', title: 'History', component: null, selects: 'history' },
];

/** The header's view indicator: "5 Alerts". */
export function viewIndicator(view: ViewDef): string {
  return `${view.key} ${view.title}`;
}
