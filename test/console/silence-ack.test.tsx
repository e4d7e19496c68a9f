/**
 * Acks and silences from the console (ink-testing-library over the fixture store): `a` acks with a
 * required comment after showing the matchers, the author and the alerts hit; `s` refuses a duration it
 * cannot read and asks before a silence over a day.
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import { fixtureStore, NOW } from './make-store.js';

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

interface Req {
  startsAt: Date;
  endsAt: Date;
  comment: string;
}

async function mount() {
  const f = fixtureStore();
  await f.refresh();
  const r = render(
    <App
      store={f.store}
      size={{ columns: 120, rows: 40 }}
      color={false}
      now={() => NOW}
      author="tester@box"
    />,
  );
  unmount = r.unmount;
  const frame = () => (r.lastFrame() ?? '').replace(SGR, '');
  const until = async (ok: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`never saw ${what}:\n${frame()}`);
      await new Promise((res) => setTimeout(res, 10));
    }
  };
  const type = async (text: string, expectSeen: string) => {
    r.stdin.write(text);
    await until(() => frame().includes(expectSeen), expectSeen);
  };
  r.stdin.write('5');
  await until(() => frame().includes('[5 Alerts]') && frame().includes('DataDriftDetected'), 'view 5');
  return { ...f, ...r, frame, until, type };
}

describe('console acks and silences', () => {
  it('a acks the selected alert: preview first, a comment is required, then an ACK! silence of 15 minutes', async () => {
    const app = await mount();
    await app.type(
      'a',
      'ack alertname="DataDriftDetected" by tester@box, hits 1: DataDriftDetected — comment (required):',
    );
    app.stdin.write('\r'); // empty: the prompt stays
    await app.type('on it', 'comment (required): on it');
    expect(app.silences).toHaveLength(0);
    app.stdin.write('\r');
    await app.until(() => app.frame().includes('acked DataDriftDetected (sil-1)'), 'the ack');
    const req = app.silences[0] as Req;
    expect(req.comment).toBe('ACK! on it');
    expect(req.endsAt.getTime() - req.startsAt.getTime()).toBe(15 * 60_000);
  });

  it('s refuses "forever", asks before 90d, and silences for 90d once confirmed', async () => {
    const app = await mount();
    await app.type('s', 'silence DataDriftDetected for');
    await app.type('\x7f\x7fforever', 'for (e.g. 30m, 2h): forever');
    app.stdin.write('\r');
    await app.until(() => app.frame().includes('cannot read the duration "forever"'), 'the refusal');
    await app.type('s', 'silence DataDriftDetected for');
    await app.type('\x7f\x7f90d\r', 'silence DataDriftDetected for 90d, longer than a day? type yes:');
    await app.type('no\r', 'not silenced: 90d was not confirmed');
    await app.type('s', 'silence DataDriftDetected for');
    await app.type('\x7f\x7f90d\r', 'type yes:');
    await app.type('yes\r', 'silence alertname="DataDriftDetected" by tester@box, hits 1');
    await app.type('retraining\r', 'silenced DataDriftDetected (sil-1)');
    expect(app.silences).toHaveLength(1);
    const req = app.silences[0] as Req;
    expect(req.endsAt.getTime() - req.startsAt.getTime()).toBe(90 * 86_400_000);
    expect(req.comment).toBe('retraining');
  });
});
