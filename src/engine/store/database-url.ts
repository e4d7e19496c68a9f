/** storage.database_url checked and shown safely: the password never reaches a log line or an error. */

/** A usable URL, or why not; `shown` is the URL with its password replaced by ***. */
export type DatabaseUrlCheck = { ok: true; shown: string } | { ok: false; shown: string; problem: string };

const PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/** The URL with any password replaced by ***, also for text that does not parse as a URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    // user:secret@ in something URL-like that did not parse; a bare secret without @ cannot be told apart
    return url.replace(/\/\/([^/:@]*):[^@/]*@/, '//$1:***@');
  }
}

/** Says whether `url` names a PostgreSQL server as pg expects (postgres://user:password@host:port/db). */
export function checkDatabaseUrl(url: string): DatabaseUrlCheck {
  const shown = redactUrl(url);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, shown, problem: 'not a URL (expected postgres://user:password@host:5432/database)' };
  }
  if (!PROTOCOLS.has(u.protocol)) {
    return { ok: false, shown, problem: `scheme ${u.protocol} is not postgres: or postgresql:` };
  }
  // pg reads a socket directory from ?host=; without either there is nothing to connect to
  if (u.hostname === '' && !u.searchParams.has('host')) {
    return { ok: false, shown, problem: 'no host (expected postgres://user:password@host:5432/database)' };
  }
  return { ok: true, shown };
}

/** `message` with every occurrence of the URL's password replaced, for errors a driver might echo. */
export function scrubPassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    password = /\/\/[^/:@]*:([^@/]*)@/.exec(url)?.[1] ?? '';
  }
  return password.length >= 3 ? message.split(password).join('***') : message;
}
