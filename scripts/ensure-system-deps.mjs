#!/usr/bin/env node
// pretest: installs the Debian packages the tests start for real (Prometheus, Alertmanager, PostgreSQL, tmux,
// VictoriaMetrics, node-exporter) when they are missing. In CI (CI=true) a binary that is still missing
// afterwards is a failure, never a skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package -> a file that proves it is installed. */
const PACKAGES = {
  prometheus: '/usr/bin/promtool',
  'prometheus-alertmanager': '/usr/bin/amtool',
  'postgresql-15': '/usr/lib/postgresql/15/bin/postgres',
  // the console's end-to-end test drives the real binary in tmux
  tmux: '/usr/bin/tmux',
  // the backend test: VictoriaMetrics answering the console's PromQL in Prometheus' place
  'victoria-metrics': '/usr/bin/victoria-metrics',
  // the fleet test: several real node-exporters scraped by one Prometheus
  'prometheus-node-exporter': '/usr/bin/prometheus-node-exporter',
};

const missing = Object.entries(PACKAGES)
  .filter(([, file]) => !existsSync(file))
  .map(([pkg]) => pkg);
if (missing.length === 0) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.error(`pretest: missing Debian packages: ${missing.join(' ')}`);
  console.error(`pretest: install them with: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.error(`pretest: installing ${missing.join(' ')} with apt-get`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
} catch (err) {
  console.error(`pretest: apt-get failed: ${err.message}`);
  process.exit(1);
}
const still = Object.entries(PACKAGES).filter(([, file]) => !existsSync(file));
if (still.length > 0) {
  console.error(`pretest: still missing after install: ${still.map(([p, f]) => `${p} (${f})`).join(', ')}`);
  process.exit(1);
}
