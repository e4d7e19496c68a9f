/**
 * Which path delivers an alert (issue 12): Alertmanager when it is configured, the engine's own notifiers
 * otherwise, so one alert does not arrive twice. notify.engine_notifiers "on" or "off" overrides.
 */
import { type Config, DEFAULT_CONFIG_FILE, type Origins } from '../config/index.js';

/** True when sources.alertmanager_url was set by the user (a config file, ALERTMANAGER_URL, a flag), not the defaults. */
export function alertmanagerConfigured(origins: Origins): boolean {
  const o = origins.get('sources.alertmanager_url');
  return o !== undefined && !(o.kind === 'file' && o.file === DEFAULT_CONFIG_FILE);
}

/** Whether the engine sends notifications itself. */
export function engineNotifiersOn(config: Config, alertmanagerIsConfigured: boolean): boolean {
  const mode = config.notify.engine_notifiers;
  return mode === 'on' || (mode === 'auto' && !alertmanagerIsConfigured);
}
