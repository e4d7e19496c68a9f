/** Stable identities of one notification: the idempotency key and the email Message-ID. Pure. */
import { createHash } from 'node:crypto';
import { alertKey } from '../evaluate.js';
import type { Notice } from '../group-notices.js';

/**
 * The idempotency key of a notice: a hash of what changed (each alert's identity, event and severity) and
 * when (the evaluation time). The same state change always gives the same key, so a retry, or a resend
 * after a restart, carries the key of the first attempt and a receiver can drop the copy.
 */
export function noticeKey(notice: Notice): string {
  const parts = notice.alerts
    .map((a) => `${alertKey(a.name, a.labels)}|${a.event}|${a.status}|${a.severity}`)
    .sort();
  const text = [notice.at, notice.severity, notice.status, ...parts].join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** An RFC 5322 (3.6.4) msg-id for the notice key: `<key@domain>`, the same on every retry. */
export function messageIdFor(key: string, domain = 'mmops.invalid'): string {
  return `<${key}@${domain}>`;
}
