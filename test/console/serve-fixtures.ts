/** Starts the three fixture servers (Prometheus, Alertmanager, engine) and returns their env variables. */
import {
  alertmanagerHandler,
  engineHandler,
  prometheusHandler,
  serve,
  type TestServer,
} from '../sources/fixture-servers.js';

/** The servers and the env that points mmops at them. */
export async function serveFixtures(opts: { prometheus?: boolean } = {}) {
  const servers: TestServer[] = [];
  const am = await serve(alertmanagerHandler());
  const engine = await serve(engineHandler());
  servers.push(am, engine);
  let promUrl = 'http://127.0.0.1:1';
  if (opts.prometheus !== false) {
    const prom = await serve(prometheusHandler());
    servers.push(prom);
    promUrl = prom.url;
  }
  return {
    env: { PROMETHEUS_URL: promUrl, ALERTMANAGER_URL: am.url, ENGINE_URL: engine.url },
    am,
    engine,
    close: () => Promise.all(servers.map((s) => s.close())),
  };
}
