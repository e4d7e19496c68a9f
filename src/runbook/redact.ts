/**
 * Secret redaction for everything a run stores or prints: the values of known secrets (config notify.*,
 * engine.ingest_token, secret-looking environment variables), plus patterns: `Authorization:` headers,
 * bearer tokens, passwords in URLs (postgres://user:pass@), Slack webhook URLs, token=/password= pairs.
 */
import type { Config } from '../config/index.js';

/** What replaces a secret. */
export const REDACTED = 'REDACTED';

const PATTERNS: [RegExp, string][] = [
  [/(authorization\s*[:=]\s*)(?:(bearer|basic|token)\s+)?[^\s'"]+/gi, `$1$2 ${REDACTED}`],
  [/\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, `Bearer ${REDACTED}`],
  [/([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:)[^\s@/'"]+@/gi, `$1${REDACTED}@`],
  [/https:\/\/hooks\.slack\.com\/[^\s'"]+/gi, `https://hooks.slack.com/${REDACTED}`],
  [
    /\b((?:api[_-]?key|access[_-]?token|token|password|passwd|secret)["']?\s*[=:]\s*["']?)[^\s&'",}]+/gi,
    `$1${REDACTED}`,
  ],
];

// Fix the doubled space the Authorization pattern leaves when no scheme word matched.
const tidy = (s: string) =>
  s.replace(new RegExp(`(authorization\\s*[:=]\\s*) ${REDACTED}`, 'gi'), `$1${REDACTED}`);

/** The secret values in the config: SMTP password, webhook URLs, the ingest token. */
export function secretsFromConfig(config: Pick<Config, 'notify' | 'engine'>): string[] {
  const n = config.notify;
  return [n.smtp.password, n.slack.webhook_url, n.webhook.url, config.engine.ingest_token].filter(
    (v): v is string => typeof v === 'string',
  );
}

/** The values of environment variables whose names say they are secret (…TOKEN, …PASSWORD, …WEBHOOK…). */
export function secretsFromEnv(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([k, v]) => v && /TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|WEBHOOK|CREDENTIAL/i.test(k))
    .map(([, v]) => v!);
}

/** A function that redacts `secrets` (4+ characters, longest first) and the secret patterns from a text. */
export function makeRedactor(secrets: string[]): (text: string) => string {
  const values = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const v of values) out = out.split(v).join(REDACTED);
    for (const [re, to] of PATTERNS) out = out.replace(re, to);
    return tidy(out);
  };
}
