import type { NotificationChannel } from '../contract.js';

/** The notification types the platform itself sends; tenants may override each template. */
export const builtInTypes = [
  'order.confirmed',
  'order.shipped',
  'order.delivered',
  'order.created',
  'payment.failed',
  'privacy.request.received',
  'account.verify_email',
  'message',
] as const;
export type BuiltInType = (typeof builtInTypes)[number];

/** Types a preference cannot switch off (the person asked for them, or the law requires them). */
export const mandatoryTypes: ReadonlySet<string> = new Set(['account.verify_email']);

/**
 * Transactional types: about something the person did or asked for, or the work of an employee's
 * job (an order they placed, its payment, a request they must answer, their account). These still go
 * to a subject whose processing is restricted (GDPR Art. 18). Every other type — `message` from the
 * API and any tenant-defined type — is optional and is not sent to a restricted subject.
 */
export const transactionalTypes: ReadonlySet<string> = new Set([
  'order.confirmed',
  'order.shipped',
  'order.delivered',
  'order.created',
  'payment.failed',
  'privacy.request.received',
  'account.verify_email',
]);

interface Text {
  readonly subject: string;
  readonly body: string;
}

type Defaults = Readonly<Record<BuiltInType, Readonly<Record<NotificationChannel, Text>>>>;

const same = (subject: string, body: string, sms = body): Record<NotificationChannel, Text> => ({
  in_app: { subject, body },
  email: { subject, body },
  sms: { subject, body: sms },
});

const en: Defaults = {
  'order.confirmed': same(
    'Order {{orderNumber}} confirmed',
    'Thank you! Your order {{orderNumber}} ({{total}}) is confirmed and will be prepared for shipping.',
    'Your order {{orderNumber}} is confirmed.',
  ),
  'order.shipped': same(
    'Order {{orderNumber}} shipped',
    'Your order {{orderNumber}} is on its way.{{trackingLine}}',
    'Your order {{orderNumber}} has shipped.{{trackingLine}}',
  ),
  'order.delivered': same(
    'Order {{orderNumber}} delivered',
    'Your order {{orderNumber}} was delivered. We hope you enjoy it.',
    'Your order {{orderNumber}} was delivered.',
  ),
  'order.created': same('New order {{orderNumber}}', 'A new order {{orderNumber}} ({{total}}) was placed.'),
  'payment.failed': same(
    'Payment failed for order {{orderNumber}}',
    'The payment of {{amount}} for order {{orderNumber}} failed ({{failureCode}}).',
  ),
  'privacy.request.received': same(
    'New data-subject request ({{kind}})',
    'A {{kind}} request {{requestId}} was received. It is due by {{dueAt}}.',
  ),
  'account.verify_email': same(
    'Confirm your e-mail address',
    'Welcome! Confirm your e-mail address to finish signing up: {{url}}\n\nThe link works once, for 24 hours. If you did not sign up, ignore this message.',
    'Confirm your e-mail address: {{url}}',
  ),
  message: same('{{title}}', '{{body}}'),
};

/** German defaults for the client-facing types; other types fall back to English. */
const de: Partial<Defaults> = {
  'order.confirmed': same(
    'Bestellung {{orderNumber}} bestätigt',
    'Vielen Dank! Ihre Bestellung {{orderNumber}} ({{total}}) ist bestätigt.',
  ),
  'order.shipped': same(
    'Bestellung {{orderNumber}} versandt',
    'Ihre Bestellung {{orderNumber}} ist unterwegs.{{trackingLine}}',
  ),
  'order.delivered': same(
    'Bestellung {{orderNumber}} zugestellt',
    'Ihre Bestellung {{orderNumber}} wurde zugestellt.',
  ),
};

const shipped: Readonly<Record<string, Partial<Defaults>>> = { en, de };

/** The shipped template of a type, channel and language, if there is one. */
export function defaultTemplate(
  type: string,
  channel: NotificationChannel,
  language: string,
): Text | undefined {
  return shipped[language]?.[type as BuiltInType]?.[channel];
}
