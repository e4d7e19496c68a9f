/**
 * Email through SMTP, as the market-master guide's send_email_alert: STARTTLS, login, From = the
 * username unless smtp.from is set, Subject "[Market Master Alert] <summary>", a plain-text body.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../../config/index.js';
import { formatNoticeText } from '../format-notice.js';
import type { Notice } from '../group-notices.js';
import { DEFAULT_NOTIFY_TIMEOUT_MS, type Notifier, type NotifierFactory } from './types.js';

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
  const timeout = opts.timeoutMs ?? DEFAULT_NOTIFY_TIMEOUT_MS;
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
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
}

/** Creates the email notifier; throws when neither smtp.from nor smtp.username gives a sender. */
export function createEmailNotifier(opts: EmailOptions): Notifier {
  const from = opts.from ?? opts.username;
  if (!from) throw new Error('email notifier: set notify.smtp.from or notify.smtp.username (the sender)');
  const transport = emailTransport(opts);
  return {
    name: 'email',
    async send(notice) {
      await transport.sendMail({
        from,
        to: opts.to,
        subject: emailSubject(opts.subjectPrefix, notice),
        text: formatNoticeText(notice),
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
  };
}

/** Registry entry for email. */
export const emailFactory: NotifierFactory = {
  fromConfig(config) {
    const opts = emailOptionsFromConfig(config);
    return opts === null ? null : createEmailNotifier(opts);
  },
};
