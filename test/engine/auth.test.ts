/** Ingest auth: loopback needs no token; any other bind refuses to start without one and then requires it. */
import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  bearerMatches,
  bindProblem,
  EngineStartError,
  type RunningEngine,
  requiresToken,
} from '../../src/engine/index.js';
import { getJson, records, send, startTestEngine, tempDir } from './helpers/engine.js';

describe('requiresToken', () => {
  it.each([
    ['127.0.0.1', false],
    ['127.0.0.2', false],
    ['localhost', false],
    ['::1', false],
    ['[::1]', false],
    ['::ffff:127.0.0.1', false],
    ['0.0.0.0', true],
    ['::', true],
    ['10.1.2.3', true],
    ['192.168.1.5', true],
    ['example.internal', true],
  ])('%s -> %s', (host, expected) => {
    expect(requiresToken(host)).toBe(expected);
  });

  it('bindProblem explains the refusal and is null on loopback or with a token', () => {
    expect(bindProblem('0.0.0.0', null)).toMatch(/ingest token.*MMOPS_INGEST_TOKEN/);
    expect(bindProblem('0.0.0.0', 's3cret')).toBeNull();
    expect(bindProblem('127.0.0.1', null)).toBeNull();
  });

  it('bearerMatches wants exactly the token', () => {
    expect(bearerMatches('Bearer s3cret', 's3cret')).toBe(true);
    expect(bearerMatches('bearer s3cret', 's3cret')).toBe(true);
    expect(bearerMatches('Bearer s3cre', 's3cret')).toBe(false);
    expect(bearerMatches('Basic s3cret', 's3cret')).toBe(false);
    expect(bearerMatches(undefined, 's3cret')).toBe(false);
  });
});

describe('a non-loopback bind', () => {
  const tmp = tempDir();
  let engine: RunningEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });
  afterAll(() => tmp.remove());

  it('refuses to start without a token', async () => {
    await expect(startTestEngine(tmp.dir, { host: '0.0.0.0' })).rejects.toBeInstanceOf(EngineStartError);
  });

  it('with a token, ingest needs it (reached via 127.0.0.1) and reads stay open', async () => {
    engine = await startTestEngine(tmp.dir, {
      host: '0.0.0.0',
      edit: (c) => void (c.engine.ingest_token = 's3cret'),
    });
    const base = `http://127.0.0.1:${engine.port}`;
    const body = JSON.stringify(records(3));
    const without = await send(`${base}/api/v1/predictions`, body);
    expect(without.status).toBe(401);
    expect(await send(`${base}/api/v1/predictions`, body, { token: 'wrong' })).toMatchObject({ status: 401 });
    expect(await send(`${base}/api/v1/predictions`, body, { token: 's3cret' })).toEqual({
      status: 200,
      json: { accepted: 3 },
    });
    expect((await send(`${base}/api/v1/reference`, 'x\n1\n', { method: 'PUT' })).status).toBe(401);
    expect((await getJson(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    await engine.evaluateNow();
    expect(engine.report()?.window.records).toBe(3);
  });
});

/** Sends the head and the first chunk of a body that claims `length` bytes, and resolves with the answer's
 * status while the rest of the body is still unsent (the socket is destroyed after). */
function statusBeforeBody(url: string, length: number, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(length),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    req.write('['.padEnd(1024, ' '));
  });
}

describe('auth before the body (issue 17, defect 8)', () => {
  const tmp = tempDir();
  let engine: RunningEngine | undefined;
  afterAll(async () => {
    await engine?.close();
    tmp.remove();
  });

  it('answers 401 on the request head, before the body is sent, and before the body limit applies', async () => {
    engine = await startTestEngine(tmp.dir, {
      host: '0.0.0.0',
      edit: (c) => void (c.engine.ingest_token = 's3cret'),
    });
    const base = `http://127.0.0.1:${engine.port}`;
    // 15 MB announced, 1 KB sent: the answer can only come from the head.
    expect(await statusBeforeBody(`${base}/api/v1/predictions`, 15_000_000)).toBe(401);
    expect(await statusBeforeBody(`${base}/api/v1/actuals`, 15_000_000)).toBe(401);
    // With the token, a head over the limit is let through to the body limit (413), not refused as unauthorized.
    expect(await statusBeforeBody(`${base}/api/v1/predictions`, 20_000_000, 's3cret')).toBe(413);
  });
});
