/** The one interface every notifier implements. */
import type { Config } from '../../config/index.js';
import type { Notice } from '../group-notices.js';

/** The identity of one delivery: the same on every retry of one alert state change. */
export interface DeliveryMeta {
  /** The idempotency key: the `Idempotency-Key` header and payload field; the email Message-ID's local part. */
  key: string;
}

/** Sends a notice somewhere. send() rejects on failure; the dispatcher retries it. */
export interface Notifier {
  /** The registry name (email, slack, webhook), used in logs and stats. */
  readonly name: string;
  /**
   * The longest one send may take (ms), its transport's own timeouts included. The dispatcher abandons an
   * attempt only after this, so a slow but working receiver is never sent the same notice twice.
   */
  readonly timeoutMs?: number;
  send(notice: Notice, meta: DeliveryMeta): Promise<void>;
}

/** Builds a notifier from the config, or null when that channel is not configured. */
export interface NotifierFactory {
  fromConfig(config: Config): Notifier | null;
}

/** Per-request timeout of the HTTP notifiers (ms): a hung receiver must not hold the queue for long. */
export const DEFAULT_NOTIFY_TIMEOUT_MS = 10_000;
