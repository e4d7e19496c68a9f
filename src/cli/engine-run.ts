/** `mmops engine`: runs the monitoring engine until SIGINT/SIGTERM. */
import type { Command } from 'commander';
import { alertmanagerConfigured } from '../alerting/index.js';
import { loadConfig } from '../config/index.js';
import { EngineStartError, startEngine } from '../engine/index.js';
import { startEngineAckLoop } from './ack-loop.js';
import { rootConfigFile } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { intFlag, releaseProcess, waitForSignal } from './lifetime.js';

/** The command's options, as commander parses them. */
export interface Opts {
  host?: string;
  port?: string;
  dataDir?: string;
  reference?: string;
}

/** Starts the engine, prints where it listens, and serves until a signal. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const flags = [
    ...(opts.host !== undefined ? [{ path: 'engine.host', name: '--host', value: opts.host }] : []),
    ...(opts.port !== undefined
      ? [{ path: 'engine.port', name: '--port', value: intFlag('--port', opts.port) }]
      : []),
    ...(opts.dataDir !== undefined
      ? [{ path: 'engine.data_dir', name: '--data-dir', value: opts.dataDir }]
      : []),
  ];
  const file = rootConfigFile(cmd);
  // --port 0 (a free port) is ours, not a config value: the schema keeps engine.port a real port.
  const port = opts.port === '0' ? 0 : undefined;
  const { config, origins } = loadConfig({
    ...(file ? { configFile: file } : {}),
    flags: flags.filter((f) => !(f.path === 'engine.port' && f.value === 0)),
  });
  let engine: Awaited<ReturnType<typeof startEngine>>;
  try {
    engine = await startEngine({
      config,
      alertmanagerConfigured: alertmanagerConfigured(origins),
      ...(port !== undefined ? { port } : {}),
      ...(opts.reference ? { referenceFile: opts.reference } : {}),
    });
  } catch (err) {
    if (err instanceof EngineStartError) throw new CliError(err.message, EXIT.usage);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' || e.code === 'EADDRNOTAVAIL' || e.code === 'EACCES') {
      throw new CliError(
        `cannot listen on ${config.engine.host}:${config.engine.port}: ${e.message}`,
        EXIT.usage,
      );
    }
    throw err;
  }
  const ref = engine.reference ?? 'none (PUT /api/v1/reference)';
  process.stdout.write(
    `mmops engine listening on ${engine.url} (data dir ${engine.dataDir}, ${engine.replayed} log entries replayed, reference: ${ref})\n`,
  );
  // acks (silences marked ACK!) are extended while their alert fires and expired once it resolves
  const acks = startEngineAckLoop(
    config,
    { engine: engine.url, alertmanager: config.sources.alertmanager_url },
    (line) => process.stderr.write(`mmops engine: ${line}\n`),
  );
  const signal = await waitForSignal();
  process.stderr.write(`mmops engine: ${signal}, shutting down\n`);
  await acks.stop();
  await engine.close();
  releaseProcess(EXIT.ok);
  return EXIT.ok;
}
