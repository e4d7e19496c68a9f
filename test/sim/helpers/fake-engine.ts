/** Fakes for driving the simulator without a network: a scripted poster and a tick runner. */
import type { ManualClock, PostFn, SimActual, SimRecord } from '../../../src/sim/index.js';

/** What a fake engine received. */
export interface Received {
  records: SimRecord[];
  actuals: SimActual[];
  contentTypes: Set<string>;
  posts: number;
}

/** A poster that parses bodies as the engine would; `answer` decides each status (throw = no answer). */
export function fakeEngine(answer: (path: string, n: number) => number = () => 200): {
  post: PostFn;
  got: Received;
} {
  const got: Received = { records: [], actuals: [], contentTypes: new Set(), posts: 0 };
  const post: PostFn = async (url, body, contentType) => {
    got.posts++;
    const path = new URL(url).pathname;
    const status = answer(path, got.posts);
    got.contentTypes.add(`${path} ${contentType}`);
    if (status >= 200 && status < 300) {
      if (path === '/api/v1/predictions') {
        for (const line of body.split('\n')) if (line) got.records.push(JSON.parse(line) as SimRecord);
      } else got.actuals.push(...(JSON.parse(body) as SimActual[]));
    }
    return { status };
  };
  return { post, got };
}

/** Advances the manual clock tick by tick, letting posts (promises) settle between ticks. */
export async function runFor(clock: ManualClock, ms: number, step = 250): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await new Promise((r) => setImmediate(r));
  }
}
