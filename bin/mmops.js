#!/usr/bin/env node
// Runs the compiled CLI: start-up time matters on a production host, so no TS loader here.
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`mmops: ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  },
);
