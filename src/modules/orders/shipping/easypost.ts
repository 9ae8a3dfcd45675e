import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../../platform/context.js';
import { fromDecimalString, isCurrency } from '../../../platform/money.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { ShipmentStatus } from '../contract.js';
import type {
  Carrier,
  CarrierAddress,
  CarrierRate,
  CarrierWebhook,
  PurchasedLabel,
  TrackerUpdate,
  TrackingDetail,
} from './carrier.js';
import { ShippingErrors } from './shipping.errors.js';

/*
 * EasyPost over its REST API with fetch: POST /v2/shipments (addresses + parcel → rates),
 * POST /v2/shipments/:id/buy, POST /v2/trackers, GET /v2/trackers/:id; Basic auth with the tenant's
 * API key (secret `orders.easypost.api_key`, read at each call). Webhooks (`tracker.updated`) are
 * verified with HMAC-SHA256 over the raw body, keyed with the UTF-8 bytes of the NFKD-normalised
 * webhook secret (`orders.easypost.webhook_secret`), header `X-Hmac-Signature: hmac-sha256-hex=<hex>`.
 */

export const EASYPOST_API = 'https://api.easypost.com';
export const EASYPOST_SECRETS = {
  apiKey: 'orders.easypost.api_key',
  webhookSecret: 'orders.easypost.webhook_secret',
} as const;

const SIGNATURE_PREFIX = 'hmac-sha256-hex=';

/** The header value EasyPost sends for `rawBody` under `secret`. */
export function easypostSignature(secret: string, rawBody: Buffer | string): string {
  const key = Buffer.from(secret.normalize('NFKD'), 'utf8');
  return `${SIGNATURE_PREFIX}${createHmac('sha256', key).update(rawBody).digest('hex')}`;
}

/** Constant-time check of an `X-Hmac-Signature` header value. */
export function verifyEasypostSignature(
  secret: string,
  rawBody: Buffer,
  header: string | undefined,
): boolean {
  if (!header || !header.startsWith(SIGNATURE_PREFIX)) return false;
  const given = Buffer.from(header.slice(SIGNATURE_PREFIX.length).trim().toLowerCase(), 'utf8');
  const expected = Buffer.from(easypostSignature(secret, rawBody).slice(SIGNATURE_PREFIX.length), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const STATUS_MAP: Readonly<Record<string, ShipmentStatus | null>> = {
  pre_transit: 'pre_transit',
  in_transit: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
  return_to_sender: 'return_to_sender',
  failure: 'failure',
  // EasyPost also sends these; they do not move a shipment.
  unknown: null,
  available_for_pickup: 'out_for_delivery',
  cancelled: 'cancelled',
  error: 'failure',
};

type Json = Record<string, unknown>;
const objectOf = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const clean = (value: string, max: number) => value.replace(CONTROL, '').slice(0, max);

function idOf(value: unknown, field: string): string {
  const id = stringOf(value);
  if (!id) throw ShippingErrors.webhookInvalid(field, 'is missing');
  if (id.length > 200 || !/^[\x21-\x7e]+$/.test(id))
    throw ShippingErrors.webhookInvalid(field, 'must be at most 200 printable ASCII characters');
  return id;
}

function statusOf(value: unknown, field: string): ShipmentStatus | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > 64)
    throw ShippingErrors.webhookInvalid(field, 'is not a status');
  return STATUS_MAP[value] ?? null;
}

function locationOf(value: unknown): string | null {
  const location = objectOf(value);
  if (!location) return null;
  const parts = [location.city, location.state, location.country]
    .map((part) => (typeof part === 'string' ? clean(part, 100).trim() : ''))
    .filter((part) => part !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}

/** An EasyPost Tracker object (a webhook's `result`, a retrieve, an item of a list) as a TrackerUpdate. */
export function trackerUpdateOf(
  tracker: unknown,
  sourceEventId: string | null,
  field = 'body.result',
  description = 'tracker',
): TrackerUpdate {
  const t = objectOf(tracker);
  if (!t) throw ShippingErrors.webhookInvalid(field, 'must be a Tracker object');
  const rawDetails = t.tracking_details ?? [];
  if (!Array.isArray(rawDetails))
    throw ShippingErrors.webhookInvalid(`${field}.tracking_details`, 'must be an array');
  if (rawDetails.length > 1000)
    throw ShippingErrors.webhookInvalid(`${field}.tracking_details`, 'has more than 1000 entries');
  const details: TrackingDetail[] = rawDetails.map((raw, index) => {
    const at = `${field}.tracking_details.${index}`;
    const detail = objectOf(raw);
    if (!detail) throw ShippingErrors.webhookInvalid(at, 'must be an object');
    const when = typeof detail.datetime === 'string' ? new Date(detail.datetime) : undefined;
    if (!when || Number.isNaN(when.getTime()))
      throw ShippingErrors.webhookInvalid(`${at}.datetime`, 'is not a date');
    const message = stringOf(detail.message) ?? stringOf(detail.description) ?? '';
    return {
      status: statusOf(detail.status, `${at}.status`),
      message: clean(message, 1000),
      location: locationOf(detail.tracking_location),
      at: when,
    };
  });
  const trackingCode = stringOf(t.tracking_code);
  return {
    sourceEventId,
    description,
    trackerId: idOf(t.id, `${field}.id`),
    trackingCode: trackingCode ? idOf(trackingCode, `${field}.tracking_code`) : null,
    carrierShipmentId: stringOf(t.shipment_id) ? idOf(t.shipment_id, `${field}.shipment_id`) : null,
    status: statusOf(t.status, `${field}.status`),
    details,
  };
}

/** GET /v2/trackers: `{ trackers: [...], has_more }`. */
export function trackersOf(list: unknown): TrackerUpdate[] {
  const trackers = objectOf(list)?.trackers;
  if (!Array.isArray(trackers)) throw ShippingErrors.webhookInvalid('body.trackers', 'must be an array');
  return trackers.map((tracker, index) => trackerUpdateOf(tracker, null, `body.trackers.${index}`));
}

/** A webhook's Event: the tracker updates it carries (tracker.created / tracker.updated), none for other events. */
export function easypostEventUpdates(rawBody: Buffer): TrackerUpdate[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw ShippingErrors.webhookInvalid('body', 'is not JSON');
  }
  const event = objectOf(parsed);
  if (!event) throw ShippingErrors.webhookInvalid('body', 'must be a JSON object');
  const eventId = idOf(event.id, 'body.id');
  const description = typeof event.description === 'string' ? event.description : '';
  if (description.length > 100) throw ShippingErrors.webhookInvalid('body.description', 'is too long');
  if (description !== 'tracker.updated' && description !== 'tracker.created') return [];
  return [trackerUpdateOf(event.result, eventId, 'body.result', description)];
}

export interface EasypostAdapterDeps {
  readonly secrets: SecretReader;
  readonly fetch?: typeof fetch | undefined;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
  readonly baseUrl?: string;
}

const toAddress = (address: CarrierAddress) => ({
  name: address.name,
  company: address.company,
  street1: address.street1,
  street2: address.street2,
  city: address.city,
  state: address.state,
  zip: address.zip,
  country: address.country,
  phone: address.phone,
});

export function createEasypostCarrier(deps: EasypostAdapterDeps): Carrier {
  const base = (deps.baseUrl ?? EASYPOST_API).replace(/\/+$/, '');
  const doFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = deps.timeoutMs ?? 10_000;

  async function request(
    ctx: RequestContext,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Json> {
    const apiKey = await deps.secrets.read({ tenantId: ctx.tenantId }, EASYPOST_SECRETS.apiKey);
    if (!apiKey) throw ShippingErrors.notConfigured(`the secret ${EASYPOST_SECRETS.apiKey} is not set`);
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${apiKey}:`, 'utf8').toString('base64')}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // One retry for 429/5xx/network: label purchases are not retried (a second buy could buy twice).
    const tries = path.endsWith('/buy') ? 1 : 2;
    let last = 'no answer';
    for (let attempt = 0; attempt < tries; attempt += 1) {
      let response: Response;
      try {
        response = await doFetch(`${base}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
        continue;
      }
      const text = await response.text();
      let json: unknown;
      try {
        json = text === '' ? {} : JSON.parse(text);
      } catch {
        json = { raw: text.slice(0, 300) };
      }
      if (response.ok) {
        const object = objectOf(json);
        if (!object)
          throw ShippingErrors.carrierUnavailable('easypost', 'answered something that is not an object');
        return object;
      }
      const message =
        stringOf(objectOf(objectOf(json)?.error)?.message) ?? JSON.stringify(json).slice(0, 300);
      last = `HTTP ${response.status}: ${message}`;
      if (response.status !== 429 && response.status < 500)
        throw ShippingErrors.carrierRefused('easypost', last);
    }
    throw ShippingErrors.carrierUnavailable('easypost', last);
  }

  const moneyOf = (amount: unknown, currency: unknown) => {
    const code = typeof currency === 'string' && isCurrency(currency) ? currency : 'USD';
    const minor =
      typeof amount === 'string' || typeof amount === 'number'
        ? fromDecimalString(String(amount), code)
        : undefined;
    if (minor === undefined || minor < 0)
      throw ShippingErrors.carrierUnavailable('easypost', 'answered a rate that is not an amount');
    return { amountMinor: minor, currency: code };
  };

  return {
    name: 'easypost',
    async rates(ctx, input) {
      const shipment = await request(ctx, 'POST', '/v2/shipments', {
        shipment: {
          reference: input.reference,
          to_address: toAddress(input.to),
          from_address: toAddress(input.from),
          // EasyPost weighs in ounces.
          parcel: { weight: Math.max(0.1, Math.round((input.parcel.weightGrams / 28.349523125) * 10) / 10) },
        },
      });
      const shipmentId = stringOf(shipment.id);
      if (!shipmentId)
        throw ShippingErrors.carrierUnavailable('easypost', 'answered a shipment without an id');
      const rates = Array.isArray(shipment.rates) ? shipment.rates : [];
      return rates.flatMap((raw): CarrierRate[] => {
        const rate = objectOf(raw);
        const id = stringOf(rate?.id);
        if (!rate || !id) return [];
        return [
          {
            rateId: id,
            carrierShipmentId: shipmentId,
            carrier: stringOf(rate.carrier) ?? 'EasyPost',
            service: `${stringOf(rate.carrier) ?? ''} ${stringOf(rate.service) ?? ''}`.trim(),
            price: moneyOf(rate.rate, rate.currency),
            deliveryDays: typeof rate.delivery_days === 'number' ? rate.delivery_days : null,
          },
        ];
      });
    },
    async buy(ctx, input): Promise<PurchasedLabel> {
      if (!input.carrierShipmentId) throw ShippingErrors.unknownRate();
      const shipment = await request(
        ctx,
        'POST',
        `/v2/shipments/${encodeURIComponent(input.carrierShipmentId)}/buy`,
        {
          rate: { id: input.rateId },
        },
      );
      const trackingCode = stringOf(shipment.tracking_code);
      if (!trackingCode)
        throw ShippingErrors.carrierUnavailable('easypost', 'bought a shipment without a tracking code');
      const selected = objectOf(shipment.selected_rate);
      const tracker = objectOf(shipment.tracker);
      return {
        carrierShipmentId: stringOf(shipment.id) ?? input.carrierShipmentId,
        trackingCode,
        trackingUrl: stringOf(tracker?.public_url) ?? null,
        labelUrl: stringOf(objectOf(shipment.postage_label)?.label_url) ?? null,
        labelBytes: null,
        cost: moneyOf(selected?.rate, selected?.currency),
        service:
          `${stringOf(selected?.carrier) ?? ''} ${stringOf(selected?.service) ?? ''}`.trim() || 'EasyPost',
        trackerId: stringOf(tracker?.id) ?? null,
      };
    },
    async createTracker(ctx, input) {
      const tracker = await request(ctx, 'POST', '/v2/trackers', {
        tracker: { tracking_code: input.trackingCode, ...(input.carrier ? { carrier: input.carrier } : {}) },
      });
      return { trackerId: trackerUpdateOf(tracker, null, 'tracker').trackerId };
    },
    async retrieveTracker(ctx, trackerId) {
      return trackerUpdateOf(
        await request(ctx, 'GET', `/v2/trackers/${encodeURIComponent(trackerId)}`),
        null,
        'tracker',
      );
    },
    async parseWebhook(ctx, webhook: CarrierWebhook) {
      const secret = await deps.secrets.read({ tenantId: ctx.tenantId }, EASYPOST_SECRETS.webhookSecret);
      if (!secret)
        throw ShippingErrors.webhookNotFound('params.carrier', 'easypost is not configured for this tenant');
      const header = webhook.headers['x-hmac-signature'];
      if (!verifyEasypostSignature(secret, webhook.rawBody, Array.isArray(header) ? header[0] : header))
        throw ShippingErrors.webhookRefused();
      return easypostEventUpdates(webhook.rawBody);
    },
  };
}
