/**
 * "The source gave no answer": connection refused, timed out, name not resolved. Such a step has not
 * judged anything, so it is not a FAIL of the thing it checks (issue 12: a wall of FAILs hid one dead
 * source); the run exits 3, as every mmops command does when a source is unreachable.
 */

/** Thrown by a PromQuery (or any client) when its source gave no answer at all. */
export class SourceUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceUnreachableError';
  }
}

// Node's system errors for "no answer": refused, reset, no route, DNS, timeouts (net, undici, pg).
const NO_ANSWER = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

type ErrLike = { name?: string; code?: string; message?: string; cause?: unknown; errors?: unknown[] };

/** Why `err` means "no answer" (e.g. "ECONNREFUSED", "timed out"), or undefined when it is another error. */
export function noAnswer(err: unknown): string | undefined {
  if (err instanceof SourceUnreachableError) return err.message;
  const e = (err ?? {}) as ErrLike;
  // AbortSignal.timeout() rejects fetch with a TimeoutError DOMException.
  if (e.name === 'TimeoutError') return 'timed out';
  if (e.code && NO_ANSWER.has(e.code)) return e.code;
  // undici wraps the system error: TypeError('fetch failed', {cause}); net wraps several in AggregateError.
  for (const inner of [e.cause, ...(e.errors ?? [])]) {
    if (inner) {
      const why = noAnswer(inner);
      if (why) return why;
    }
  }
  // pg says "timeout expired" / "Connection terminated due to connection timeout" without a code.
  if (/connection timeout|timeout expired/i.test(e.message ?? '')) return 'timed out';
  return undefined;
}

/** One line for an error: the "no answer" reason, else the wrapped cause's message (undici: "fetch failed"). */
export function errorLine(err: unknown): string {
  const why = noAnswer(err);
  if (why) return why;
  const e = (err ?? {}) as ErrLike;
  const cause = e.cause as ErrLike | undefined;
  return cause?.message ?? e.message ?? String(err);
}
