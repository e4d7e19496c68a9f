/**
 * Strict text (issue 17, defects 11, 15): invalid UTF-8 is a 400 naming the byte offset on every write route,
 * and a 100,000-deep unbalanced JSON body is located at its real end. A real engine over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/index.js';
import { firstInvalidUtf8 } from '../../src/engine/strict-utf8.js';
import { records, send, startTestEngine, tempDir } from './helpers/engine.js';

describe('firstInvalidUtf8 (Unicode Table 3-7)', () => {
  it.each([
    ['valid ASCII, é and an emoji', [0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80], -1],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong 2-byte form', [0x61, 0x62, 0xc0, 0x80], 2],
    ['an overlong 3-byte form', [0xe0, 0x80, 0x80], 0],
    ['a surrogate', [0x20, 0xed, 0xa0, 0x80], 1],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['0xF5', [0xf5, 0x80, 0x80, 0x80], 0],
    ['a truncated 3-byte character at the end', [0x61, 0xe2, 0x82], 1],
  ])('%s', (_what, bytes, offset) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes)).offset).toBe(offset);
  });
});

describe('strict bodies on the engine', () => {
  const tmp = tempDir();
  let engine: RunningEngine;
  beforeAll(async () => {
    engine = await startTestEngine(tmp.dir);
  });
  afterAll(async () => {
    await engine.close();
    tmp.remove();
  });

  /** Sends raw bytes; returns status and JSON. */
  async function sendBytes(path: string, bytes: Uint8Array, type: string, method = 'POST') {
    const res = await fetch(`${engine.url}${path}`, {
      method,
      body: bytes,
      headers: { 'content-type': type },
    });
    return { status: res.status, json: (await res.json()) as { error: string } };
  }
  const invalid = async () => {
    const text = await (await fetch(`${engine.url}/metrics`)).text();
    return Number(/rejected_batches_total\{reason="invalid"\} (\d+)/.exec(text)?.[1] ?? 0);
  };
  /** `text` as UTF-8 with the byte 0xFF spliced in where `@` is; returns the bytes and the offset. */
  const withBadByte = (text: string) => {
    const [a, b] = text.split('@') as [string, string];
    const head = Buffer.from(a, 'utf8');
    return { bytes: Buffer.concat([head, Buffer.from([0xff]), Buffer.from(b, 'utf8')]), offset: head.length };
  };

  it('refuses invalid UTF-8 with its byte offset on predictions, actuals and the reference', async () => {
    const before = await invalid();
    const rec = records(2);
    // A multi-byte character before the bad byte: the offset counts bytes, not characters.
    const ndjson = `${JSON.stringify({ ...rec[0], model: 'modèle' })}\n${JSON.stringify({ ...rec[1], prediction: 'u@p' })}\n`;
    const p = withBadByte(ndjson);
    const r1 = await sendBytes('/api/v1/predictions', p.bytes, 'application/x-ndjson');
    expect(r1).toEqual({
      status: 400,
      json: {
        error: `invalid UTF-8 at byte ${p.offset}: byte 0xff cannot start a character; send the body as UTF-8`,
      },
    });
    const json = withBadByte(JSON.stringify([{ ...rec[0], prediction: 'd@own' }]));
    expect((await sendBytes('/api/v1/predictions', json.bytes, 'application/json')).json.error).toContain(
      `invalid UTF-8 at byte ${json.offset}:`,
    );
    const actuals = withBadByte(JSON.stringify([{ id: 'r-0', actual: 'u@p' }]));
    expect(await sendBytes('/api/v1/actuals', actuals.bytes, 'application/json')).toMatchObject({
      status: 400,
      json: { error: expect.stringContaining(`invalid UTF-8 at byte ${actuals.offset}:`) },
    });
    const ref = withBadByte('x,regime\n1,ca@lm\n2,volatile\n');
    expect(await sendBytes('/api/v1/reference', ref.bytes, 'text/csv', 'PUT')).toMatchObject({
      status: 400,
      json: { error: expect.stringContaining(`invalid UTF-8 at byte ${ref.offset}:`) },
    });
    expect(await invalid()).toBe(before + 4);
    // Nothing was counted; valid multi-byte text still is.
    await engine.evaluateNow();
    expect(engine.report()?.window.records).toBe(0);
    const ok = await send(`${engine.url}/api/v1/predictions`, ndjson.replace('@', 'ü'), {
      type: 'application/x-ndjson',
    });
    expect(ok).toEqual({ status: 200, json: { accepted: 2 } });
  });

  it('locates the end of a 100,000-deep unbalanced JSON body at its real column', async () => {
    const r = await send(`${engine.url}/api/v1/predictions`, '['.repeat(100_000));
    expect(r.status).toBe(400);
    expect((r.json as { error: string }).error).toMatch(
      /^invalid JSON at line 1, column 100001 \(position 100000, record 0\): /,
    );
  });
});
