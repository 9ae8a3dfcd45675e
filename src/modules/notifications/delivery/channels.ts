import nodemailer, { type Transporter } from 'nodemailer';
import type { RequestContext } from '../../../platform/context.js';
import type { SecretReader } from '../../../platform/secrets/index.js';

/** What a channel's send ends in, when it does not succeed. */
export class DeliveryFailure extends Error {
  constructor(
    readonly outcome: 'transient' | 'terminal' | 'not_configured',
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface SmsMessage {
  readonly to: string;
  readonly body: string;
}

export interface Channels {
  email(ctx: RequestContext, message: EmailMessage): Promise<{ providerId: string | null }>;
  sms(ctx: RequestContext, message: SmsMessage): Promise<{ providerId: string | null }>;
  close(): Promise<void>;
}

export interface ChannelsOptions {
  readonly secrets: SecretReader;
  /** SWITCHBOARD_SMTP_URL; a tenant's secret notifications.smtp.url wins. */
  readonly smtpUrl: string | undefined;
  /** The platform's public URL: its host names the default sender (no-reply@host). */
  readonly publicUrl: string;
  readonly fetch: typeof fetch;
}

/** SMTP reply codes 4xx (and connection trouble) may pass on a later try; 5xx will not. */
function smtpFailure(error: unknown): DeliveryFailure {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const text = `SMTP: ${e.message ?? String(error)}`.slice(0, 900);
  if (typeof e.responseCode === 'number') {
    return new DeliveryFailure(e.responseCode >= 500 ? 'terminal' : 'transient', text);
  }
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return new DeliveryFailure('terminal', text);
  return new DeliveryFailure('transient', text);
}

/**
 * E-mail over SMTP (nodemailer, one pooled transport per server URL) and SMS through Twilio's
 * Messages API (POST /2010-04-01/Accounts/{Sid}/Messages.json, form-encoded To/From/Body, basic
 * auth). Neither configured is not an error of the platform: the delivery says `not_configured`.
 */
export function createChannels(options: ChannelsOptions): Channels {
  const transports = new Map<string, Transporter>();
  const transportFor = (url: string) => {
    let transport = transports.get(url);
    if (!transport) {
      transport = nodemailer.createTransport(url);
      transports.set(url, transport);
    }
    return transport;
  };
  const defaultFrom = `Switchboard <no-reply@${new URL(options.publicUrl).hostname}>`;

  return {
    async email(ctx, message) {
      const url = (await options.secrets.read(ctx, 'notifications.smtp.url')) ?? options.smtpUrl;
      if (!url)
        throw new DeliveryFailure(
          'not_configured',
          'No e-mail server is configured: set SWITCHBOARD_SMTP_URL or the tenant secret notifications.smtp.url.',
        );
      const from = (await options.secrets.read(ctx, 'notifications.smtp.from')) ?? defaultFrom;
      try {
        const info = (await transportFor(url).sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
        })) as { messageId?: string };
        return { providerId: info.messageId ?? null };
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    async sms(ctx, message) {
      const [sid, token, from] = await Promise.all([
        options.secrets.read(ctx, 'notifications.twilio.account_sid'),
        options.secrets.read(ctx, 'notifications.twilio.auth_token'),
        options.secrets.read(ctx, 'notifications.twilio.from'),
      ]);
      if (!sid || !token || !from)
        throw new DeliveryFailure(
          'not_configured',
          'SMS is not configured: set the tenant secrets notifications.twilio.account_sid, auth_token and from.',
        );
      let response: Response;
      try {
        response = await options.fetch(
          `https://api.twilio.com/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`,
          {
            method: 'POST',
            headers: {
              authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`,
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: new URLSearchParams({ To: message.to, From: from, Body: message.body }).toString(),
            signal: AbortSignal.timeout(15_000),
          },
        );
      } catch (error) {
        throw new DeliveryFailure('transient', `Twilio unreachable: ${(error as Error).message}`);
      }
      const answer = (await response.json().catch(() => ({}))) as {
        sid?: string;
        message?: string;
        code?: number;
      };
      if (response.ok) return { providerId: answer.sid ?? null };
      const reason = `Twilio ${response.status}${answer.code ? ` (${answer.code})` : ''}: ${answer.message ?? response.statusText}`;
      throw new DeliveryFailure(
        response.status === 429 || response.status >= 500 ? 'transient' : 'terminal',
        reason.slice(0, 900),
      );
    },
    async close() {
      for (const transport of transports.values()) transport.close();
      transports.clear();
      await Promise.resolve();
    },
  };
}
