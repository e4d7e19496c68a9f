/** The eight panel titles every full view of the console (and `mmops status`) shows, in order. */
export const PANEL_TITLES = [
  'Data quality',
  'Drift',
  'Model performance',
  'Latency',
  'Throughput',
  'Error rate',
  'Resources',
  'Alerts',
] as const;
