/**
 * Is a PostgreSQL server answering at a database URL? The guide's check_database_connection without
 * credentials: open the socket and send the protocol's SSLRequest, which every PostgreSQL answers with one
 * byte, 'S' or 'N', before any authentication (PostgreSQL docs, "Protocol Flow: SSL Session Encryption").
 */
import { connect } from 'node:net';
import { fail, type SourceResult } from './result.js';

/** What the handshake saw. */
export interface PostgresPing {
  /** 'S' (TLS offered) or 'N' (plain only). */
  answer: 'S' | 'N';
  ms: number;
}

// The SSLRequest message: length 8, then the request code 80877103 (1234 << 16 | 5679).
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** Pings the server of `databaseUrl` (postgres://user:pass@host:port/db) within `timeoutMs`. */
export function pingPostgres(databaseUrl: string, timeoutMs: number): Promise<SourceResult<PostgresPing>> {
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    return Promise.resolve(fail('bad-response', 'the database URL does not parse as a URL'));
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(parsed.port || 5432);
  const where = `${host}:${port}`;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (r: SourceResult<PostgresPing>) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(timeoutMs, () => done(fail('timeout', `${where}: no answer within ${timeoutMs} ms`)));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(fail('unreachable', `${where}: ${err.code ?? err.message}`)),
    );
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (chunk: Buffer) => {
      const answer = String.fromCharCode(chunk[0] ?? 0);
      if (answer === 'S' || answer === 'N')
        done({ ok: true, data: { answer, ms: performance.now() - t0 }, fetchedAt: Date.now() });
      else done(fail('bad-response', `${where}: answers, but not as PostgreSQL does to an SSLRequest`));
    });
    socket.once('end', () => done(fail('bad-response', `${where}: closed the connection without answering`)));
  });
}
