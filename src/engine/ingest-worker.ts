/** Worker-thread entry of IngestWorkers: answers each prediction body with preparePredictions' outcome. */

import { parentPort } from 'node:worker_threads';
import { type PreparedBatch, preparePredictions } from './prepare-batch.js';
import { columnBuffers } from './record-columns.js';

/** A body to prepare; `job` pairs the answer with its request. */
export interface IngestJob {
  job: number;
  /** The request body: UTF-8 bytes, decoded here (as fastify would decode them as a string), or text. */
  body: Uint8Array | string;
  contentType: string | undefined;
  receivedAt: number;
}

/** The answer: the prepared batch, or the message of what threw (a bug: the request then gets a 500). */
export type IngestReply = { job: number; batch: PreparedBatch } | { job: number; error: string };

const port = parentPort;
if (!port) throw new Error('ingest-worker.js must run in a worker thread');
port.on('message', ({ job, body, contentType, receivedAt }: IngestJob) => {
  let batch: PreparedBatch;
  try {
    batch = preparePredictions(body, contentType, receivedAt);
  } catch (err) {
    port.postMessage({ job, error: err instanceof Error ? err.message : String(err) } satisfies IngestReply);
    return;
  }
  // The columns and the log bytes move to the engine thread without a copy.
  const transfer = batch.kind === 'ok' ? columnBuffers(batch.columns) : [];
  if (batch.kind === 'ok' && 'bytes' in batch.log) transfer.push(batch.log.bytes.buffer as ArrayBuffer);
  port.postMessage({ job, batch } satisfies IngestReply, transfer);
});
