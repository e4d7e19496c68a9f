/** MIME parts of what the alerting tests' SMTP receiver got, for `runbook run --email` (text + attachment). */
import { parseMessage, type ReceivedMail } from '../alerting/helpers/smtp.js';

/** One MIME part: its headers and decoded text. */
export interface MimePart {
  headers: Record<string, string>;
  text: string;
}

/** Splits a multipart message into its parts (one level deep, as nodemailer writes text + attachment). */
export function mimeParts(raw: string): MimePart[] {
  const top = parseMessage(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(top.headers['content-type'] ?? '')?.[1];
  if (!boundary) return [top];
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((p) => !p.startsWith('--'))
    .map((p) => parseMessage(p.replace(/^\r\n/, '').replace(/\r\n$/, ''))); // the CRLF before a boundary is the boundary's
}

/** The parts of a received message (text body, then the attachments). */
export function partsOf(mail: ReceivedMail): MimePart[] {
  return mimeParts(mail.raw);
}
