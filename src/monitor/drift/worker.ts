/** Worker-thread entry of `detectDriftParallel`: answers each NumericJob with runJob's reply. */

import { parentPort } from 'node:worker_threads';
import { type NumericJob, runJob } from './worker-job.js';

const port = parentPort;
if (!port) throw new Error('drift worker.js must run in a worker thread');
port.on('message', (job: NumericJob) => port.postMessage(runJob(job)));
