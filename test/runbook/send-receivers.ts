/** Real receivers for `runbook run --email/--slack` tests: an SMTP server keeping each raw message, MIME split. */
import { SMTPServer } from 'smtp-server';
import { parseMessage } from '../alerting/helpers/smtp.js';

/** One received message: envelope, login, headers, and its MIME parts (decoded). */
export interface RawMail {
  from: string;
  to: string[];
  user: string | undefined;
  headers: Record<string, string>;
  parts: { headers: Record<string, string>; text: string }[];
}

/** A running receiver. */
export interface SmtpSink {
  port: number;
  mails: RawMail[];
  close(): Promise<void>;
}

/** Splits a multipart message into its parts (one level deep, as nodemailer writes text + attachment). */
export function mimeParts(raw: string): RawMail['parts'] {
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

/** Starts an SMTP receiver on 127.0.0.1 requiring `user` (plain auth, no TLS). */
export async function startSmtpSink(user: { username: string; password: string }): Promise<SmtpSink> {
  const mails: RawMail[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      const ok = auth.username === user.username && auth.password === user.password;
      cb(ok ? null : new Error('bad credentials'), ok ? { user: auth.username } : undefined);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          headers: parseMessage(raw).headers,
          parts: mimeParts(raw),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('smtp server has no port');
  return { port: address.port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}
