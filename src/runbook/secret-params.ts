/** Runbook params that hold secrets: by name (token, password, secret, key) or marked `secret: true`. */
import { REDACTED } from './redact.js';
import type { Param } from './types.js';

// Whole snake_case words, so `api_token`, `db_password`, `ssh_key` and `key` are secret and `keyspace` or
// `monkey_count` are not (issue 17, defect 12).
const SECRET_WORD = /(^|_)(token|password|passwd|secret|key|apikey)(_|$)/i;

/** True when the param's name looks secret or its front matter says `secret: true`. */
export function isSecretParam(p: Pick<Param, 'name' | 'secret'>): boolean {
  return p.secret === true || SECRET_WORD.test(p.name);
}

/** The params as a record may show them: secret ones replaced whole, whatever their length. */
export function shownParams(
  declared: readonly Param[],
  params: Record<string, string>,
): Record<string, string> {
  const secret = new Set(declared.filter(isSecretParam).map((p) => p.name));
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, secret.has(k) && v ? REDACTED : v]));
}

/** The current values of the secret params, for redaction in output, reasons and reports. */
export function secretParamValues(declared: readonly Param[], params: Record<string, string>): string[] {
  return declared.filter(isSecretParam).flatMap((p) => (params[p.name] ? [params[p.name]!] : []));
}
