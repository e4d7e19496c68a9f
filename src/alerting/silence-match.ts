/**
 * Silence matching as Alertmanager does it (pkg/labels Matcher, silence.Silencer.Mutes), for the engine's
 * own silences of alerts that never reach an Alertmanager. Pure.
 */

/** A silence matcher, the API v2 shape. */
export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** false for != and !~; API v2 defaults it to true. */
  isEqual?: boolean;
}

/** What a silence needs to mute: its matchers and its window (epoch ms). */
export interface MutingSilence {
  id: string;
  matchers: readonly SilenceMatcher[];
  startsAt: number;
  endsAt: number;
}

/** True when one matcher matches the labels: an absent label is the empty string, regexes are anchored. */
export function matcherMatches(m: SilenceMatcher, labels: Readonly<Record<string, string>>): boolean {
  const v = labels[m.name] ?? '';
  // Alertmanager anchors every regex matcher: "^(?:" + value + ")$" (pkg/labels/matcher.go).
  const hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(v) : v === m.value;
  return m.isEqual === false ? !hit : hit;
}

/** The ids of the silences in force at `now` whose every matcher matches the labels. */
export function mutedBy(
  silences: readonly MutingSilence[],
  labels: Readonly<Record<string, string>>,
  now: number,
): string[] {
  return silences
    .filter((s) => s.startsAt <= now && now < s.endsAt && s.matchers.every((m) => matcherMatches(m, labels)))
    .map((s) => s.id);
}

/** Alertmanager's label-set fingerprint: FNV-1a 64 over sorted name, 0xff, value, 0xff (common/model). */
export function fingerprint(labels: Readonly<Record<string, string>>): string {
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  let h = 0xcbf29ce484222325n;
  const add = (bytes: Uint8Array) => {
    for (const b of bytes) h = ((h ^ BigInt(b)) * prime) & mask;
  };
  const sep = new Uint8Array([0xff]);
  const enc = new TextEncoder();
  for (const name of Object.keys(labels).sort()) {
    add(enc.encode(name));
    add(sep);
    add(enc.encode(labels[name]!));
    add(sep);
  }
  return h.toString(16).padStart(16, '0');
}
