/** Which configuration keys hold secrets, and how a value is shown in a message without giving one away. */

// A key is secret by its last name: passwords, tokens, secrets, API keys, DSNs. Webhook URLs are secret whole:
// Slack's and most others carry their credential in the path (hooks.slack.com/services/T../B../<secret>).
const SECRET_NAME = /(^|_)(password|passwd|token|secret|api_key|apikey|dsn|database_url)$/i;

/** True when the dotted key path names a secret (`notify.smtp.password`, `engine.ingest_token`, webhook URLs). */
export function isSecretKey(path: string): boolean {
  const parts = path.toLowerCase().split('.');
  const last = parts[parts.length - 1] ?? '';
  return SECRET_NAME.test(last) || parts.some((p) => p.includes('webhook'));
}

/** The value as a config message may show it: secret keys never, URLs with their password masked. */
export function shownValue(path: string, value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return '= null';
  if (isSecretKey(path)) return '(value hidden: a secret)';
  return `= ${JSON.stringify(maskUrlPassword(value))}`;
}

/** `scheme://user:password@host` with the password replaced by `***`; anything else as it is. */
export function maskUrlPassword(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // RFC 3986 userinfo: everything between "//" and the last "@" before the path; the password follows ":".
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#:@]*:)[^/?#]*@/i, '$1***@');
}

/** The secret key paths set (non-null) in a file's data, for the "readable by others" warning. */
export function secretKeysIn(origins: Iterable<string>, valueAt: (path: string) => unknown): string[] {
  return [...origins].filter((p) => isSecretKey(p) && isSetScalar(valueAt(p)));
}

function isSetScalar(v: unknown): boolean {
  return v !== null && v !== undefined && typeof v !== 'object' && v !== '';
}
