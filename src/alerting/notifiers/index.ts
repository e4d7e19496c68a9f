/** The notifier registry: a name maps to a factory, all behind one Notifier interface. */
import type { Config } from '../../config/index.js';
import { emailFactory } from './email.js';
import { slackFactory } from './slack.js';
import type { Notifier, NotifierFactory } from './types.js';
import { webhookFactory } from './webhook.js';

/** Every notifier mmops knows, by name. */
export const NOTIFIERS = {
  email: emailFactory,
  slack: slackFactory,
  webhook: webhookFactory,
} as const satisfies Record<string, NotifierFactory>;

/** A registry name. */
export type NotifierName = keyof typeof NOTIFIERS;

/** The configured notifiers among `names` (all by default), in registry order. */
export function notifiersFromConfig(
  config: Config,
  names: readonly NotifierName[] = Object.keys(NOTIFIERS) as NotifierName[],
): Notifier[] {
  return names.flatMap((name) => {
    const notifier = NOTIFIERS[name].fromConfig(config);
    return notifier === null ? [] : [notifier];
  });
}

export {
  createEmailNotifier,
  DEFAULT_SMTP_TIMEOUT_MS,
  type EmailOptions,
  emailOptionsFromConfig,
  emailSubject,
  emailTransport,
} from './email.js';
export { idempotencyHeaders, postJson } from './http-post.js';
export { createSlackNotifier, type SlackOptions, slackPayload } from './slack.js';
export {
  DEFAULT_NOTIFY_TIMEOUT_MS,
  type DeliveryMeta,
  type Notifier,
  type NotifierFactory,
} from './types.js';
export { createWebhookNotifier, type WebhookOptions, webhookPayload } from './webhook.js';
