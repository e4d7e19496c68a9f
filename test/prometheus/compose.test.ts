/**
 * docker-compose.yml, the Dockerfile and the files they mount, checked for structure (no Docker engine runs
 * here): mounted host files exist, and hosts and ports agree across prometheus.yml, the Alertmanager target,
 * the Grafana datasource and the compose services.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TARGETS } from '../../src/alerting/prometheus/index.js';
import { defaultConfig, GRAFANA_DIR, PROM_DIR, ROOT } from './paths.js';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const prometheusYml = parse(readFileSync(join(PROM_DIR, 'prometheus.yml'), 'utf8')) as {
  global: { scrape_interval: string; evaluation_interval: string };
  rule_files: string[];
  alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
};

/** Ports a service listens on inside the network: `expose` plus the container side of `ports`. */
function containerPorts(s: Service): number[] {
  const published = (s.ports ?? []).map((p) => Number(p.split(':').at(-1)));
  return [...(s.expose ?? []).map(Number), ...published];
}

/** host:port -> the service and port must exist (localhost is the scraping Prometheus itself). */
function expectReachable(target: string, from: string) {
  const [host, port] = target.split(':') as [string, string];
  const service = host === 'localhost' ? services[from] : services[host];
  expect(service, `${target}: no service ${host}`).toBeDefined();
  expect(containerPorts(service!), `${target}: ${host} does not listen on ${port}`).toContain(Number(port));
}

describe('docker-compose.yml', () => {
  it('has the stack: engine, simulator (demo profile), prometheus, alertmanager, grafana, node-exporter', () => {
    for (const name of [
      'engine',
      'simulator',
      'prometheus',
      'alertmanager',
      'alertmanager-config',
      'grafana',
      'node-exporter',
      'postgres',
    ]) {
      expect(services[name], name).toBeDefined();
    }
    expect(services.simulator?.profiles).toEqual(['demo']);
  });

  it('mounts only host files and directories that exist', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0]!;
        if (source.startsWith('.')) expect(existsSync(join(ROOT, source)), `${name}: ${source}`).toBe(true);
        else if (!source.startsWith('/'))
          expect(compose.volumes, `${name}: volume ${source}`).toHaveProperty(source);
      }
    }
  });

  it('gives Prometheus its config and both rule files, rendered from the level variables the engine reads', () => {
    const render = services['rules-config']!;
    const script = (render.command as unknown as string[]).join(' ');
    expect(script).toContain('cp prometheus/prometheus.yml /rules/');
    expect(script).toContain('rules render --dir /rules --grafana /dashboards/overview.json');
    const volume = render.volumes!.find((v) => v.endsWith(':/rules'))!.split(':')[0];
    expect(services.prometheus!.volumes).toContain(`${volume}:/etc/prometheus:ro`);
    expect(services.prometheus!.depends_on).toMatchObject({
      'rules-config': { condition: 'service_completed_successfully' },
    });
    // the rule files prometheus.yml names are the ones `rules render` writes (the repository holds the defaults)
    for (const rule of prometheusYml.rule_files) expect(existsSync(join(PROM_DIR, rule)), rule).toBe(true);
    expect(services.prometheus!.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    // one meaning for each guide variable: the engine and the render read the same ones
    for (const name of [
      'DATA_QUALITY_THRESHOLD',
      'DRIFT_THRESHOLD',
      'PERFORMANCE_THRESHOLD',
      'LATENCY_THRESHOLD',
    ]) {
      expect(render.environment, name).toHaveProperty(name);
      expect(services.engine!.environment, name).toHaveProperty(name);
    }
    const dashboards = render.volumes!.find((v) => v.endsWith(':/dashboards'))!.split(':')[0];
    expect(services.grafana!.volumes).toContain(`${dashboards}:/etc/grafana/dashboards:ro`);
  });

  it('runs the engine off loopback with an ingest token, the simulator against it', () => {
    const engine = services.engine!;
    expect(engine.build).toBeDefined();
    expect(engine.command?.slice(0, 3)).toEqual(['engine', '--host', '0.0.0.0']);
    expect(engine.environment?.MMOPS_INGEST_TOKEN).toMatch(/^\$\{MMOPS_INGEST_TOKEN:\?/);
    const port = engine.command![engine.command!.indexOf('--port') + 1];
    expect(port).toBe(String(defaultConfig().engine.port));
    const sim = services.simulator!;
    expect(sim.command).toEqual(['simulate', '--engine', `http://engine:${port}`]);
    expect(sim.environment?.MMOPS_INGEST_TOKEN).toBeDefined();
  });

  it('renders alertmanager.yml into the volume Alertmanager reads before it starts', () => {
    const render = services['alertmanager-config']!;
    expect(render.command).toEqual(['rules', 'render', '--alertmanager', '/config/alertmanager.yml']);
    const am = services.alertmanager!;
    expect(am.command).toContain('--config.file=/config/alertmanager.yml');
    expect(am.command).toContain('--cluster.listen-address=');
    const volume = render.volumes![0]!.split(':')[0];
    expect(am.volumes).toContain(`${volume}:/config:ro`);
    expect(am.depends_on).toMatchObject({
      'alertmanager-config': { condition: 'service_completed_successfully' },
    });
    // The engine's notify variables reach the render too.
    for (const name of ['ALERT_EMAIL', 'SLACK_WEBHOOK_URL', 'SMTP_HOST', 'SMTP_PASSWORD']) {
      expect(render.environment, name).toHaveProperty(name);
      expect(services.engine!.environment, name).toHaveProperty(name);
    }
  });

  it('runs PostgreSQL 15 with a volume, and points the engine at it', () => {
    const pg = services.postgres!;
    expect(pg.image).toBe('postgres:15');
    const [volume, target] = pg.volumes![0]!.split(':');
    expect(target).toBe('/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty(volume!);
    const url = new URL(services.engine!.environment!.DATABASE_URL!.replace(/\$\{[^}]+\}/g, 'x'));
    expect(url.protocol).toBe('postgres:');
    expectReachable(url.host, 'engine');
    expect(url.username).toBe(pg.environment?.POSTGRES_USER);
    expect(url.pathname).toBe(`/${pg.environment?.POSTGRES_DB}`);
    // the password is the same variable on both sides
    expect(services.engine!.environment!.DATABASE_URL).toMatch(/:\$\{POSTGRES_PASSWORD:-mmops\}@/);
    expect(pg.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:-mmops\}$/);
    // started, not healthy: the engine must ingest while the database is still starting (or down)
    expect(services.engine!.depends_on).toMatchObject({ postgres: { condition: 'service_started' } });
  });

  it('publishes the UIs on their usual ports', () => {
    expect(services.prometheus!.ports).toContain('9090:9090');
    expect(services.alertmanager!.ports).toContain('9093:9093');
    expect(services.grafana!.ports).toContain('3000:3000');
    expect(services.engine!.ports).toContain('8000:8000');
  });

  it('mounts the Grafana provisioning and the dashboards where the provider looks', () => {
    const g = services.grafana!.volumes!;
    expect(g).toContain('./grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(g).toContain('grafana-dashboards:/etc/grafana/dashboards:ro');
    const home = services.grafana!.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    expect(existsSync(join(GRAFANA_DIR, 'dashboards', home!.split('/').at(-1)!))).toBe(true);
  });
});

describe('hosts and ports agree', () => {
  it("prometheus.yml scrapes compose services on ports they listen on, every 15 s (the guide's interval)", () => {
    expect(prometheusYml.global).toMatchObject({ scrape_interval: '15s', evaluation_interval: '15s' });
    const jobs = Object.fromEntries(
      prometheusYml.scrape_configs.map((j) => [j.job_name, j.static_configs.flatMap((c) => c.targets)]),
    );
    expect(jobs[TARGETS.engine.job]).toEqual([TARGETS.engine.instance]);
    expect(jobs[TARGETS.node.job]).toEqual([TARGETS.node.instance]);
    expect(jobs.prometheus).toEqual(['localhost:9090']);
    for (const t of Object.values(jobs).flat()) expectReachable(t, 'prometheus');
  });

  it('the commented GPU job names the gpu-exporter service', () => {
    const text = readFileSync(join(PROM_DIR, 'prometheus.yml'), 'utf8');
    expect(text).toContain(`job_name: ${TARGETS.gpu.job}`);
    expect(text).toContain(`'${TARGETS.gpu.instance}'`);
    expectReachable(TARGETS.gpu.instance, 'prometheus');
    expect(services['gpu-exporter']?.profiles).toEqual(['gpu']);
  });

  it('Prometheus alerts the Alertmanager service', () => {
    const targets = prometheusYml.alerting.alertmanagers.flatMap((a) =>
      a.static_configs.flatMap((c) => c.targets),
    );
    expect(targets).toEqual(['alertmanager:9093']);
    for (const t of targets) expectReachable(t, 'prometheus');
  });

  it('the Grafana datasources point at the prometheus and alertmanager services', () => {
    const ds = parse(readFileSync(join(GRAFANA_DIR, 'provisioning/datasources/prometheus.yml'), 'utf8')) as {
      datasources: { url: string }[];
    };
    for (const { url } of ds.datasources) expectReachable(new URL(url).host, 'grafana');
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  it('builds on node:20-slim with npm ci and the TypeScript build, and runs bin/mmops.js', () => {
    expect(text).toMatch(/^FROM node:20-slim AS build$/m);
    expect(text).toMatch(/RUN npm ci\b/);
    expect(text).toMatch(/RUN npm run build\b/);
    expect(text).toContain('ENTRYPOINT ["node", "bin/mmops.js"]');
  });
  it('copies only sources that exist; .dockerignore keeps tests and local state out', () => {
    for (const m of text.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const src of m[1]!.split(/\s+/)) expect(existsSync(join(ROOT, src)), src).toBe(true);
    }
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', 'test', '.git', '.env']) expect(ignore).toContain(entry);
  });
  it('compose services that run mmops use the image the engine builds', () => {
    for (const name of ['engine', 'simulator', 'alertmanager-config'])
      expect(services[name]!.image, name).toBe('mmops:latest');
  });
});
