/**
 * The Grafana dashboard's threshold lines, from the level book: `mmops rules render` rewrites them so the
 * dashboard, the alerts and the console draw the same levels (and `--check` fails while they differ).
 */
import type { Config } from '../../config/index.js';
import { type LevelBook, type LevelName, levelBook } from '../../monitor/index.js';

/** The dashboard shipped in grafana/dashboards/, relative to the package root. */
export const DASHBOARD_FILE = 'grafana/dashboards/overview.json';

// Which level each panel draws, by panel title (titles are unique in the dashboard; a test holds them).
const PANEL_LEVELS: Readonly<Record<string, LevelName>> = {
  'Data quality score': 'quality',
  'Data quality': 'quality',
  'Dataset drift share': 'driftShare',
  'Prediction queue utilization': 'queue',
  'Spread compliance': 'spread',
  'Accuracy & F1': 'accuracy',
  'Model degradation against baseline': 'degradation',
  'Prediction latency p50 / p95 / p99': 'latency',
  Throughput: 'throughput',
  'Error ratio': 'errors',
  'Drift score per feature and method': 'modelDrift',
  'Prediction drift score': 'predictionDrift',
  'CPU utilization': 'cpu',
  'Memory utilization': 'memory',
  'Disk utilization': 'disk',
  'GPU utilization': 'gpu',
};

type Step = { color: string; value: number | null };
type Panel = {
  title?: string;
  fieldConfig?: { defaults?: { thresholds?: { mode?: string; steps: Step[] } } };
};

/**
 * Grafana's steps for one level. A step colours values from its value upwards, so an 'above' level is
 * green, then yellow from the warning level, red from the critical one; a 'below' level is the mirror.
 * Grafana has no strict comparison: a value exactly on a level takes that level's colour there, while
 * mmops (strict, as the guide's tables) still calls it the milder state.
 */
function steps(book: LevelBook, name: LevelName): Step[] {
  const l = book[name];
  return l.direction === 'above'
    ? [
        { color: 'green', value: null },
        { color: 'yellow', value: l.warning },
        { color: 'red', value: l.critical },
      ]
    : [
        { color: 'red', value: null },
        { color: 'yellow', value: l.critical },
        { color: 'green', value: l.warning },
      ];
}

/** The dashboard JSON text with each known panel's thresholds set from the config's levels. */
export function renderDashboardLevels(dashboardJson: string, config: Config): string {
  const book = levelBook(config);
  const dashboard = JSON.parse(dashboardJson) as { panels?: Panel[] };
  for (const panel of dashboard.panels ?? []) {
    const name = panel.title === undefined ? undefined : PANEL_LEVELS[panel.title];
    const defaults = panel.fieldConfig?.defaults;
    if (name === undefined || !defaults) continue;
    defaults.thresholds = { mode: defaults.thresholds?.mode ?? 'absolute', steps: steps(book, name) };
  }
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
