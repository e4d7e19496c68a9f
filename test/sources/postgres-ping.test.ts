/**
 * The database dependency: a PostgreSQL handshake against a real PostgreSQL 15, a closed port and a server
 * that is not PostgreSQL; and `storage.database_url` (when the config has it) listed with its password masked.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { configuredDependencies, pingPostgres } from '../../src/sources/index.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { freePort } from '../helpers/prometheus.js';

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

describe('pingPostgres', () => {
  it('a real PostgreSQL answers the SSLRequest', async () => {
    const r = await pingPostgres(pg.url, 5000);
    expect(r.ok).toBe(true);
  });

  it('a closed port is unreachable, naming host:port and the reason', async () => {
    const port = await freePort();
    const r = await pingPostgres(`postgres://u:secret@127.0.0.1:${port}/db`, 2000);
    expect(r).toEqual({ ok: false, kind: 'unreachable', error: `127.0.0.1:${port}: ECONNREFUSED` });
  });

  it('an HTTP server on the port is not taken for a database', async () => {
    const http = createServer((_q, s) => s.end('hi'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const port = (http.address() as AddressInfo).port;
    const r = await pingPostgres(`postgres://127.0.0.1:${port}/db`, 2000);
    http.close();
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/not as PostgreSQL does|closed the connection/);
  });
});

describe('configuredDependencies', () => {
  it('lists the database from storage.database_url, the password masked', () => {
    const { config } = loadConfig({ env: {}, home: '/nonexistent' });
    const withDb = {
      ...config,
      storage: { ...config.storage, database_url: `postgres://mm:s3cret@127.0.0.1:${pg.port}/mm` },
    };
    const db = configuredDependencies(withDb).find((d) => d.name === 'database');
    expect(db).toMatchObject({ kind: 'postgres', url: `postgres://mm:***@127.0.0.1:${pg.port}/mm` });
    expect(configuredDependencies(config).map((d) => d.name)).toEqual([
      'engine',
      'prometheus',
      'alertmanager',
    ]);
  });
});
