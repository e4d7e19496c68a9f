/** Worker-thread entry of `detectDriftParallel`: answers each NumericJob with runJob's reply and its buffer. */

import { parentPort } from 'node:worker_threads';
import { type NumericJob, runJob, type WorkerMessage } from './worker-job.js';

const port = parentPort;
if (!port) throw new Error('drift worker.js must run in a worker thread');
port.on('message', (job: NumericJob) => {
  const message: WorkerMessage = { reply: runJob(job), buffer: job.buffer };
  // The buffer goes back (transferred, not copied) so the caller can pack the next column into it.
  port.postMessage(message, [job.buffer]);
});
