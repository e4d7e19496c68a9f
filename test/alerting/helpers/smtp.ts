/** A real SMTP receiver (the smtp-server package) on loopback, collecting what it is sent. */
import { SMTPServer } from 'smtp-server';

/** One received message: the envelope, whether the session was TLS, headers and decoded text. */
export interface ReceivedMail {
  from: string;
  to: string[];
  secure: boolean;
  user: string | undefined;
  headers: Record<string, string>;
  text: string;
  /** The message as received (CRLF line ends), for tests that split its MIME parts. */
  raw: string;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export interface SmtpOptions {
  port?: number;
  /** Require this login. Without it, auth is optional. */
  user?: { username: string; password: string };
  /** Offer STARTTLS with smtp-server's built-in self-signed certificate. */
  starttls?: boolean;
  /** A slow relay: answer the end of DATA only after this long (the mail is kept either way). */
  dataDelayMs?: number;
}

/** Starts the receiver on 127.0.0.1 (port 0 = any free port). */
export async function startSmtp(opts: SmtpOptions = {}): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: opts.user === undefined,
    allowInsecureAuth: true,
    disabledCommands: opts.starttls ? [] : ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      const ok = opts.user && auth.username === opts.user.username && auth.password === opts.user.password;
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
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : undefined,
          ...parseMessage(raw),
          raw,
        });
        if (opts.dataDelayMs) setTimeout(() => cb(), opts.dataDelayMs);
        else cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('smtp server has no port');
  return { port: address.port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Splits headers from the body and decodes a quoted-printable or base64 text body. */
export function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' '); // unfold continued header lines
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let text = body;
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    text = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    text = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, text: text.replace(/\r\n/g, '\n') };
}
