/** The one interface every notifier implements. */
import type { Config } from '../../config/index.js';
import type { Notice } from '../group-notices.js';

/** Sends a notice somewhere. send() rejects on failure; the dispatcher retries it. */
export interface Notifier {
  /** The registry name (email, slack, webhook), used in logs and stats. */
  readonly name: string;
  send(notice: Notice): Promise<void>;
}

/** Builds a notifier from the config, or null when that channel is not configured. */
export interface NotifierFactory {
  fromConfig(config: Config): Notifier | null;
}

/** Per-request timeout of the notifiers (ms): a hung receiver must not hold the queue for long. */
export const DEFAULT_NOTIFY_TIMEOUT_MS = 10_000;
