import { describe, expect, it } from 'vitest';
import { createDelivery, type DeliveryEvent, retryDelay } from '../../src/sim/delivery.js';
import type { PostFn } from '../../src/sim/index.js';

/** A poster answering from a script of statuses (a string rejects, as a refused connection does). */
function scripted(answers: (number | string)[]) {
  const bodies: string[] = [];
  const post: PostFn = async (_url, body) => {
    bodies.push(body);
    const a = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (typeof a === 'string') throw new Error(a);
    return { status: a };
  };
  return { post, bodies };
}

function channel(post: PostFn, opts: { cap?: number; maxPerPost?: number } = {}) {
  let now = 0;
  const events: DeliveryEvent<number>[] = [];
  const d = createDelivery<number>({
    url: 'http://engine/api/v1/predictions',
    contentType: 'application/x-ndjson',
    encode: (items) => items.join('\n'),
    post,
    now: () => now,
    random: () => 0.5,
    cap: opts.cap ?? 100,
    maxPerPost: opts.maxPerPost ?? 10,
    retryBaseMs: 100,
    retryMaxMs: 1000,
    onEvent: (e) => events.push(e),
  });
  return { d, events, advance: (ms: number) => (now += ms) };
}

describe('retryDelay', () => {
  it('doubles from the base up to the cap, with half of each step jittered', () => {
    expect([1, 2, 3, 4, 5, 9].map((a) => retryDelay(a, 100, 1000, 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(retryDelay(1, 100, 1000, 0.999)).toBeLessThanOrEqual(100);
  });
});

describe('createDelivery', () => {
  it('drains a backlog in posts of maxPerPost', async () => {
    const { post, bodies } = scripted([200]);
    const { d, events } = channel(post);
    d.enqueue(Array.from({ length: 25 }, (_, i) => i));
    await d.pump();
    expect(bodies.map((b) => b.split('\n').length)).toEqual([10, 10, 5]);
    expect(d.counts()).toMatchObject({ sent: 25, accepted: 25, queued: 0, posts: 3, failedPosts: 0 });
    expect(events.every((e) => e.kind === 'accepted')).toBe(true);
  });

  it('keeps a batch the engine could not take and retries it after the backoff, in order', async () => {
    const { post, bodies } = scripted([503, 'ECONNREFUSED', 200]);
    const { d, events, advance } = channel(post);
    d.enqueue([1, 2, 3]);
    await d.pump();
    expect(d.counts()).toMatchObject({ queued: 3, failures: 1, failedPosts: 1, sent: 3, accepted: 0 });
    await d.pump(); // backoff not over: no post
    expect(bodies).toHaveLength(1);
    advance(100);
    d.enqueue([4]);
    await d.pump();
    expect(d.counts().failures).toBe(2);
    advance(200);
    await d.pump();
    expect(bodies.at(-1)).toBe('1\n2\n3\n4');
    expect(d.counts()).toMatchObject({ accepted: 4, sent: 4, queued: 0, failures: 0, failedPosts: 2 });
    const kinds = events.map((e) => e.kind);
    expect(kinds).toEqual(['retry', 'retry', 'accepted']);
    expect(events[1]).toMatchObject({ kind: 'retry', reason: 'ECONNREFUSED', attempt: 2, delayMs: 150 });
    expect(events[2]).toMatchObject({ kind: 'accepted', afterFailures: 2 });
  });

  it('drops a batch the engine refuses as bad (400), and goes on', async () => {
    const { post } = scripted([400, 200]);
    const { d, events } = channel(post, { maxPerPost: 2 });
    d.enqueue([1, 2, 3]);
    await d.pump();
    expect(d.counts()).toMatchObject({ rejected: 2, accepted: 1, queued: 0 });
    expect(events[0]).toMatchObject({ kind: 'rejected', status: 400, items: [1, 2] });
  });

  it('halves the batch on 413 and tries again at once', async () => {
    const { post, bodies } = scripted([413, 200]);
    const { d } = channel(post, { maxPerPost: 8 });
    d.enqueue([1, 2, 3, 4, 5, 6, 7, 8]);
    await d.pump();
    expect(bodies.map((b) => b.split('\n').length)).toEqual([8, 4, 4]);
    expect(d.counts()).toMatchObject({ accepted: 8, rejected: 0 });
  });

  it('drops the oldest with an event when the engine stays away past the cap', async () => {
    const { post } = scripted([503]);
    const { d, events } = channel(post, { cap: 5 });
    d.enqueue([1, 2, 3]);
    await d.pump();
    d.enqueue([4, 5, 6, 7]);
    expect(d.counts()).toMatchObject({ dropped: 2, queued: 5 });
    expect(events.at(-1)).toEqual({ kind: 'dropped', count: 2 });
  });

  it('runs one post at a time', async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const post: PostFn = () => {
      calls++;
      return new Promise((resolve) => (release = () => resolve({ status: 200 })));
    };
    const { d } = channel(post);
    d.enqueue([1]);
    const first = d.pump();
    d.enqueue([2]);
    const second = d.pump();
    expect(second).toBe(first);
    expect(calls).toBe(1);
    release();
    await new Promise((r) => setImmediate(r));
    release();
    await first;
    expect(calls).toBe(2);
    expect(d.counts().accepted).toBe(2);
  });
});
