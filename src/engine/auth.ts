/** Ingest authorization: loopback binds are trusted, anything else needs `Authorization: Bearer <token>`. */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** True unless `host` is a loopback name or address (127.0.0.0/8, ::1, localhost). */
export function requiresToken(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return false;
  if (isIP(h) === 4) return !h.startsWith('127.');
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return false;
  if (h.startsWith('::ffff:')) return requiresToken(h.slice(7));
  return true;
}

/** True when the Authorization header carries exactly `Bearer <token>`; compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Why the engine must not start: a non-loopback bind without a token, or null when it may. */
export function bindProblem(host: string, token: string | null): string | null {
  if (!requiresToken(host) || token) return null;
  return (
    `refusing to listen on ${host} without an ingest token: anyone who can reach it could feed the engine. ` +
    'Set engine.ingest_token in the config or MMOPS_INGEST_TOKEN, or bind 127.0.0.1.'
  );
}
