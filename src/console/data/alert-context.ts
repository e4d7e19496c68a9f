/**
 * What the console knows of alerts beyond their copies, handed in by the CLI (which may read the alerting
 * room and the level book; the console may not): the route's grouping and inhibit rules of Alertmanager's
 * running configuration, and the level an alert's value stands at.
 */
import type { Grouping } from './alert-groups.js';

/** Alertmanager's configuration as far as the alert list and the detail need it. */
export interface RouteInfo {
  /** The top route's group_by; null when neither Alertmanager nor the shipped file said. */
  grouping: Grouping | null;
  /** The inhibit rule by which an alert with `source` labels mutes one with `target` labels, as written; null when none. */
  inhibitRule(source: Record<string, string>, target: Record<string, string>): string | null;
  /** Why the configuration could not be read ("alertmanager: ECONNREFUSED; used prometheus/alertmanager.yml"). */
  note: string | null;
}

/** The level of an alert's value: "0.31 s: critical (warning > 0.1, critical > 0.25; thresholds.x)". */
export type LevelOf = (name: string, labels: Record<string, string>, value: number | null) => string | null;

/** The context. */
export interface AlertContext {
  /** Reads Alertmanager's configuration (falling back to the shipped file); called once at start. */
  route(): Promise<RouteInfo>;
  level: LevelOf;
}
