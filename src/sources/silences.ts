/**
 * Silences as Alertmanager API v2 holds them (GET /api/v2/silences), the matcher text operators type
 * (`name=value`, `name!=value`, `name=~re`, `name!~re`, as amtool and karma take them), and acks: a silence
 * whose comment starts with `ACK!`, kthxbye's default `-extend-with-prefix`.
 */
import type { Matcher } from './alertmanager.js';
import { isObject } from './result.js';

/** The comment prefix that marks a silence as an acknowledgement (kthxbye's default). */
export const ACK_PREFIX = 'ACK!';

/** One silence. Times are epoch ms. */
export interface AmSilence {
  id: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  /** Alertmanager's status.state: 'active', 'pending' or 'expired'. */
  state: 'active' | 'pending' | 'expired';
  /** True for an ack (comment starts with ACK_PREFIX). */
  ack: boolean;
}

/** True when `comment` marks an ack. */
export function isAckComment(comment: string): boolean {
  return comment.startsWith(ACK_PREFIX);
}

/** The comment an ack carries: the prefix, then the operator's words. */
export function ackComment(text: string): string {
  return `${ACK_PREFIX} ${text}`.trimEnd();
}

/** The operator's words of an ack comment (the prefix removed); the comment as is otherwise. */
export function commentText(comment: string): string {
  return isAckComment(comment) ? comment.slice(ACK_PREFIX.length).trimStart() : comment;
}

/** Parses GET /api/v2/silences; null when the body is not a list. */
export function parseSilences(body: unknown): AmSilence[] | null {
  if (!Array.isArray(body)) return null;
  return body.filter(isObject).flatMap((s) => {
    const startsAt = typeof s.startsAt === 'string' ? Date.parse(s.startsAt) : Number.NaN;
    const endsAt = typeof s.endsAt === 'string' ? Date.parse(s.endsAt) : Number.NaN;
    if (typeof s.id !== 'string' || Number.isNaN(startsAt) || Number.isNaN(endsAt)) return [];
    const status = isObject(s.status) ? s.status.state : undefined;
    const comment = typeof s.comment === 'string' ? s.comment : '';
    return [
      {
        id: s.id,
        matchers: parseMatcherList(s.matchers),
        startsAt,
        endsAt,
        createdBy: typeof s.createdBy === 'string' ? s.createdBy : '',
        comment,
        state: status === 'pending' || status === 'expired' ? status : 'active',
        ack: isAckComment(comment),
      },
    ];
  });
}

function parseMatcherList(v: unknown): Matcher[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).flatMap((m) =>
    typeof m.name === 'string' && typeof m.value === 'string'
      ? [
          {
            name: m.name,
            value: m.value,
            isRegex: m.isRegex === true,
            // API v2: isEqual is optional and defaults to true
            isEqual: m.isEqual !== false,
          },
        ]
      : [],
  );
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** Parses `name=value` (or `!=`, `=~`, `!~`; the value may be double-quoted); throws naming the text. */
export function parseMatcher(text: string): Matcher {
  const m = MATCHER.exec(text);
  if (!m)
    throw new Error(`not a matcher: ${JSON.stringify(text)} (use name=value, name!=value, name=~regex)`);
  const [, name, op, raw] = m as unknown as [string, string, string, string];
  const value = /^".*"$/.test(raw) ? (JSON.parse(raw) as string) : raw;
  if (op === '=~' || op === '!~') {
    try {
      new RegExp(value);
    } catch (err) {
      throw new Error(`bad regex in ${JSON.stringify(text)}: ${(err as Error).message}`);
    }
  }
  return { name, value, isRegex: op.includes('~'), isEqual: !op.startsWith('!') };
}

/** A matcher as text, the way parseMatcher reads it (values quoted). */
export function formatMatcher(m: Matcher): string {
  const op = (m.isEqual === false ? '!' : '=') + (m.isRegex ? '~' : m.isEqual === false ? '=' : '');
  return `${m.name}${op}${JSON.stringify(m.value)}`;
}

/** Equality matchers for exactly these labels: what a silence or ack of one alert uses. */
export function matchersFor(labels: Record<string, string>): Matcher[] {
  return Object.keys(labels)
    .sort()
    .map((name) => ({ name, value: labels[name]!, isRegex: false, isEqual: true }));
}
