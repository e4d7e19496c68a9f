/**
 * Email through SMTP, as the market-master guide's send_email_alert: STARTTLS, login, From = the
 * username unless smtp.from is set, Subject "[Market Master Alert] <summary>", a plain-text body.
 */
import nodemailer from 'nodemailer';
import { type Config, parseDuration } from '../../config/index.js';
import { messageIdFor } from '../delivery/key.js';
import { formatNoticeText } from '../format-notice.js';
import type { Notice } from '../group-notices.js';
import type { Notifier, NotifierFactory } from './types.js';

/**
 * The SMTP reply timeout (ms): RFC 5321 4.5.3.2.6 gives the server 10 minutes to answer the end of DATA,
 * so a slow relay that is still delivering is waited for, not abandoned and sent the mail again.
 */
export const DEFAULT_SMTP_TIMEOUT_MS = 600_000;
/** The TCP connect timeout (ms): a dead host should fail fast so the retry backoff starts. */
const CONNECT_TIMEOUT_MS = 30_000;
/** RFC 5321 4.5.3.2.1: the 220 greeting may take 5 minutes. */
const GREETING_TIMEOUT_MS = 300_000;

/** What the email notifier needs; config notify.smtp plus notify.email. */
export interface EmailOptions {
  host: string;
  port: number;
  /** Require STARTTLS (the guide's server.starttls()). false: plain SMTP, never upgraded. */
  starttls: boolean;
  username?: string | null;
  password?: string | null;
  from?: string | null;
  /** One address or a comma-separated list. */
  to: string;
  subjectPrefix: string;
  /** How long to wait for any SMTP reply (ms); DEFAULT_SMTP_TIMEOUT_MS (RFC 5321's 10 minutes) by default. */
  timeoutMs?: number;
  /** TLS options for STARTTLS, e.g. { rejectUnauthorized: false } against a test server's own cert. */
  tls?: { rejectUnauthorized?: boolean; ca?: string | Buffer };
}

/** The subject line: `<prefix> <summary>`. */
export function emailSubject(prefix: string, notice: Notice): string {
  return `${prefix} ${notice.summary}`;
}

/** The SMTP transport for `opts`: implicit TLS on 465, STARTTLS when asked, plain otherwise; timeouts. */
export function emailTransport(opts: EmailOptions) {
  const timeout = opts.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  return nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    // Port 465 speaks TLS from the first byte (nodemailer's `secure`); elsewhere STARTTLS or plain.
    secure: opts.port === 465,
    requireTLS: opts.starttls,
    // Without starttls, do not upgrade even when offered: a local test server has no trusted cert.
    ignoreTLS: !opts.starttls && opts.port !== 465,
    ...(opts.username ? { auth: { user: opts.username, pass: opts.password ?? '' } } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
    connectionTimeout: Math.min(timeout, CONNECT_TIMEOUT_MS),
    greetingTimeout: Math.min(timeout, GREETING_TIMEOUT_MS),
    // nodemailer's socketTimeout is idle time on the socket: it bounds the wait for every reply, DATA's too.
    socketTimeout: timeout,
  });
}

/** Creates the email notifier; throws when neither smtp.from nor smtp.username gives a sender. */
export function createEmailNotifier(opts: EmailOptions): Notifier {
  const from = opts.from ?? opts.username;
  if (!from) throw new Error('email notifier: set notify.smtp.from or notify.smtp.username (the sender)');
  const transport = emailTransport(opts);
  const timeout = opts.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  return {
    name: 'email',
    // Connect, greeting, EHLO, MAIL, RCPT, DATA and its end each wait at most `timeout`.
    timeoutMs: 6 * timeout,
    async send(notice, meta) {
      await transport.sendMail({
        from,
        to: opts.to,
        subject: emailSubject(opts.subjectPrefix, notice),
        text: formatNoticeText(notice),
        // The same Message-ID on every retry of one state change (RFC 5322 3.6.4): a relay or mail client
        // that saw it already can drop the copy.
        messageId: messageIdFor(meta.key, domainOf(from)),
        headers: { 'X-Mmops-Idempotency-Key': meta.key },
      });
    },
  };
}

/** The email options from config, or null unless notify.email.to and notify.smtp.host are set. */
export function emailOptionsFromConfig(config: Config): EmailOptions | null {
  const { email, smtp } = config.notify;
  if (email.to === null || smtp.host === null) return null;
  return {
    host: smtp.host,
    port: smtp.port,
    starttls: smtp.starttls,
    username: smtp.username,
    password: smtp.password,
    from: smtp.from,
    to: email.to,
    subjectPrefix: email.subject_prefix,
    timeoutMs: parseDuration(smtp.timeout) * 1000,
  };
}

/** Registry entry for email. */
export const emailFactory: NotifierFactory = {
  fromConfig(config) {
    const opts = emailOptionsFromConfig(config);
    return opts === null ? null : createEmailNotifier(opts);
  },
};

// The sender's domain for the Message-ID, as mail software does; a bare username gives the default.
function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  const domain = at >= 0 ? address.slice(at + 1).replace(/>.*$/, '') : '';
  return /^[A-Za-z0-9.-]+$/.test(domain) ? domain : undefined;
}
