/**
 * One alert's detail from every source's copy: labels, annotations, value, when it went pending and firing,
 * its sources, and why it is quiet: the silences and acks muting it, or the inhibiting alert and the
 * inhibit rule that matches both (alertmanager#3253, karma#223). Pure: the copies are fetched elsewhere.
 */
import { parse as parseYaml } from 'yaml';
import { matcherMatches, type SilenceMatcher } from '../alerting/index.js';
import {
  type AmAlert,
  type AmSilence,
  commentText,
  type EngineAlertDoc,
  type PromAlert,
  parseMatcher,
} from '../sources/index.js';

/** An Alertmanager inhibit rule, normalised from either syntax (source_matchers or source_match/_re). */
export interface InhibitRule {
  source: SilenceMatcher[];
  target: SilenceMatcher[];
  equal: string[];
  /** The rule as written, for display. */
  text: string;
}

/** A silence or ack muting an alert, and where it lives. */
export type MutingSilence = AmSilence & { target: 'alertmanager' | 'engine' };

/** One alert's detail. */
export interface AlertDetail {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  severity: string;
  state: 'pending' | 'firing' | 'silenced' | 'inhibited';
  value: number | null;
  pendingSince: number | null;
  firingSince: number | null;
  sources: Array<'prometheus' | 'alertmanager' | 'engine'>;
  fingerprint: string | null;
  silences: MutingSilence[];
  inhibitedBy: Array<{
    fingerprint: string;
    labels: Record<string, string> | null;
    rule: InhibitRule | null;
  }>;
}

/** The copies `alerts show` reads. */
export interface AlertCopies {
  prometheus: PromAlert[];
  alertmanager: AmAlert[];
  engine: EngineAlertDoc[];
  silences: MutingSilence[];
  inhibitRules: InhibitRule[];
}

const num = (v: unknown): number | null =>
  typeof v === 'number' ? v : typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : null;
const withoutState = (l: Record<string, string>) => {
  const { alertstate: _, ...rest } = l;
  return rest;
};
const same = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const compatible = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).every((k) => !(k in b) || a[k] === b[k]);

/** Reads the inhibit rules of an alertmanager.yml; none when it has none or cannot be read. */
export function inhibitRules(yamlText: string): InhibitRule[] {
  const doc = parseYaml(yamlText) as { inhibit_rules?: Array<Record<string, unknown>> } | null;
  return (doc?.inhibit_rules ?? []).map((r) => {
    const list = (k: string, re: string, mat: string): SilenceMatcher[] => [
      ...((r[mat] as string[] | undefined) ?? []).map((t) => parseMatcher(t)),
      ...Object.entries((r[k] as Record<string, string> | undefined) ?? {}).map(([name, value]) => ({
        name,
        value,
        isRegex: false,
        isEqual: true,
      })),
      ...Object.entries((r[re] as Record<string, string> | undefined) ?? {}).map(([name, value]) => ({
        name,
        value,
        isRegex: true,
        isEqual: true,
      })),
    ];
    const source = list('source_match', 'source_match_re', 'source_matchers');
    const target = list('target_match', 'target_match_re', 'target_matchers');
    const equal = (r.equal as string[] | undefined) ?? [];
    const show = (ms: SilenceMatcher[]) =>
      ms
        .map((m) => `${m.name}${m.isEqual === false ? '!' : '='}${m.isRegex ? '~' : ''}"${m.value}"`)
        .join(',');
    return {
      source,
      target,
      equal,
      text: `{${show(source)}} mutes {${show(target)}} equal [${equal.join(',')}]`,
    };
  });
}

/** The rule by which `source` inhibits `target` (Alertmanager's inhibit.Inhibitor), or null. */
export function inhibitingRule(
  rules: readonly InhibitRule[],
  source: Record<string, string>,
  target: Record<string, string>,
): InhibitRule | null {
  return (
    rules.find(
      (r) =>
        r.target.every((m) => matcherMatches(m, target)) &&
        r.source.every((m) => matcherMatches(m, source)) &&
        r.equal.every((l) => (source[l] ?? '') === (target[l] ?? '')),
    ) ?? null
  );
}

/** Every alert named `name` (narrowed by `labels`), each with its copies merged. */
export function alertDetails(name: string, labels: Record<string, string>, c: AlertCopies): AlertDetail[] {
  const wanted = (l: Record<string, string>) =>
    l.alertname === name && Object.entries(labels).every(([k, v]) => l[k] === v);
  const out: AlertDetail[] = [];
  const blank = (l: Record<string, string>, a: Record<string, string>): AlertDetail => ({
    name,
    labels: l,
    annotations: a,
    severity: l.severity ?? 'none',
    state: 'firing',
    value: null,
    pendingSince: null,
    firingSince: null,
    sources: [],
    fingerprint: null,
    silences: [],
    inhibitedBy: [],
  });
  // 1. Alertmanager's copies, one per fingerprint: they say whether the alert is silenced or inhibited.
  for (const a of c.alertmanager.filter((x) => wanted(x.labels))) {
    const d = blank(a.labels, a.annotations);
    d.fingerprint = a.fingerprint;
    d.sources.push('alertmanager');
    d.firingSince = a.startsAt;
    d.silences = c.silences.filter((s) => s.target === 'alertmanager' && a.silencedBy.includes(s.id));
    d.inhibitedBy = a.inhibitedBy.map((fp) => {
      const src = c.alertmanager.find((x) => x.fingerprint === fp) ?? null;
      return {
        fingerprint: fp,
        labels: src?.labels ?? null,
        rule: src ? inhibitingRule(c.inhibitRules, src.labels, a.labels) : null,
      };
    });
    d.state = a.silencedBy.length > 0 ? 'silenced' : a.inhibitedBy.length > 0 ? 'inhibited' : 'firing';
    out.push(d);
  }
  // 2. Prometheus' copy carries the same labels (plus alertstate), the value and when it went pending.
  for (const p of c.prometheus.filter((x) => wanted(x.labels))) {
    const l = withoutState(p.labels);
    let d = out.find((x) => same(x.labels, l));
    if (!d) {
      d = blank(l, p.annotations);
      d.state = p.state;
      out.push(d);
    }
    d.sources.push('prometheus');
    d.value = p.value;
    d.pendingSince = p.activeAt;
    if (p.state === 'firing' && d.firingSince === null) d.firingSince = p.activeAt;
  }
  // 3. The engine's copy lacks the scrape labels (job, instance): it joins the one row it fits, else stands alone.
  for (const e of c.engine.filter(
    (x) => (x.state === 'pending' || x.state === 'firing') && wanted(x.labels),
  )) {
    const fits = out.filter((x) => compatible(x.labels, e.labels));
    let d = fits.length === 1 ? fits[0]! : undefined;
    const silencedBy = (e as { silencedBy?: string[] }).silencedBy ?? [];
    if (!d) {
      d = blank(e.labels, (e.annotations ?? {}) as Record<string, string>);
      d.state = e.state === 'pending' ? 'pending' : silencedBy.length > 0 ? 'silenced' : 'firing';
      out.push(d);
    }
    d.sources.push('engine');
    d.value ??= e.value;
    d.pendingSince ??= num(e.activeAt);
    d.firingSince ??= num(e.firedAt);
    d.silences.push(...c.silences.filter((s) => s.target === 'engine' && silencedBy.includes(s.id)));
  }
  return out;
}

/** One line about a muting silence: "ack by alice@host 4m ago: on it (ends ...)". */
export function silenceLine(s: MutingSilence, now: number): string {
  const ago = Math.max(0, Math.round((now - s.startsAt) / 60_000));
  const kind = s.ack ? 'acked' : 'silenced';
  return `${kind} by ${s.createdBy} ${ago}m ago in ${s.target}: ${commentText(s.comment)} (ends ${new Date(s.endsAt).toISOString()}, ${s.id})`;
}
