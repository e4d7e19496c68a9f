/** Paths and config shared by the Prometheus tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/config/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const PROM_DIR = join(ROOT, 'prometheus');
export const GRAFANA_DIR = join(ROOT, 'grafana');
export const NOTIFY_EXAMPLE = join(ROOT, 'test', 'fixtures', 'prometheus', 'notify-example.yaml');

const home = mkdtempSync(join(tmpdir(), 'mmops-prometheus-home-'));

/** The shipped defaults (no user file, no environment), or with `configFile` on top. */
export function defaultConfig(configFile?: string): Config {
  return loadConfig({ env: {}, home, ...(configFile ? { configFile } : {}) }).config;
}
