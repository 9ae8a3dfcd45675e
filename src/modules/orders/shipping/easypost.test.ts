import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { memorySecrets, routedFetch, type FakeServer } from './testing/fake-server.js';
import {
  createEasypostCarrier,
  EASYPOST_API,
  easypostEventUpdates,
  easypostSignature,
  trackersOf,
  trackerUpdateOf,
  verifyEasypostSignature,
} from './easypost.js';
import { fixture, startFakeEasypost } from './testing/fake-easypost.js';
import { simulatorRates } from './simulator-carrier.js';

const vector = JSON.parse(fixture('easypost-webhook-hmac-vector.json')) as {
  secret: string;
  expected_header_value: string;
};
// The signed bytes are the file without its final newline.
const body = Buffer.from(fixture('easypost-event-tracker-updated.json').replace(/\n$/, ''), 'utf8');
const ctx = systemContext('00000000-0000-4000-8000-000000000001', 'test', 'test');

describe('EasyPost webhook signature', () => {
  it('passes the real vector (NFKD secret, raw body) and refuses tampering or another secret', () => {
    expect(easypostSignature(vector.secret, body)).toBe(vector.expected_header_value);
    expect(verifyEasypostSignature(vector.secret, body, vector.expected_header_value)).toBe(true);
    // The composed form of the secret normalises to the same key.
    expect(verifyEasypostSignature(vector.secret.normalize('NFC'), body, vector.expected_header_value)).toBe(
      true,
    );
    const tampered = Buffer.from(body.toString('utf8').replace('"in_transit"', '"delivered"'));
    expect(verifyEasypostSignature(vector.secret, tampered, vector.expected_header_value)).toBe(false);
    expect(verifyEasypostSignature('secret', body, vector.expected_header_value)).toBe(false);
    expect(verifyEasypostSignature(vector.secret, body, undefined)).toBe(false);
    expect(verifyEasypostSignature(vector.secret, body, 'hmac-sha256-hex=abc')).toBe(false);
  });
});

describe('EasyPost payloads', () => {
  it('maps the real tracker.updated event to tracking events', () => {
    const [update] = easypostEventUpdates(body);
    expect(update).toMatchObject({
      sourceEventId: 'evt_1',
      trackerId: 'trk_1',
      trackingCode: '1',
      status: 'in_transit',
    });
    expect(update?.details).toHaveLength(7);
    expect(update?.details[0]).toEqual({
      status: 'pre_transit',
      message: 'Shipment information sent to FedEx',
      location: 'US',
      at: new Date('2024-07-31T15:00:00Z'),
    });
    expect(update?.details[1]).toMatchObject({
      status: 'in_transit',
      message: 'Picked up',
      location: 'ORLANDO, FL, US',
    });
  });

  it('reads the real tracker retrieve and trackers list', () => {
    const retrieved = trackerUpdateOf(JSON.parse(fixture('easypost-tracker-retrieve.json')), null);
    expect(retrieved).toMatchObject({
      trackerId: 'trk_9135862729734d96ad2f9ed0f0565a27',
      trackingCode: 'EZ1000000001',
      status: 'pre_transit',
    });
    expect(retrieved.details.map((d) => d.status)).toEqual(['pre_transit', 'pre_transit']);
    const list = trackersOf(JSON.parse(fixture('easypost-trackers-list.json')));
    expect(list).toHaveLength(1);
    expect(list[0]?.trackingCode).toBe('EZ1000000001');
  });

  it('maps every EasyPost status; unknown moves nothing', () => {
    const statuses = [
      'pre_transit',
      'in_transit',
      'out_for_delivery',
      'delivered',
      'return_to_sender',
      'failure',
      'unknown',
    ];
    const mapped = statuses.map(
      (status) => trackerUpdateOf({ id: 'trk_x', status, tracking_details: [] }, null).status,
    );
    expect(mapped).toEqual([
      'pre_transit',
      'in_transit',
      'out_for_delivery',
      'delivered',
      'return_to_sender',
      'failure',
      null,
    ]);
  });

  it('refuses hostile payloads naming the field', () => {
    for (const [raw, field] of [
      ['{"id": "evt_1", "description":', 'body'],
      ['[1]', 'body'],
      ['{"description":"tracker.updated","result":{}}', 'body.id'],
      [`{"id":"evt\\u0000x","description":"tracker.updated","result":{}}`, 'body.id'],
      [`{"id":"${'e'.repeat(300)}","description":"tracker.updated","result":{}}`, 'body.id'],
      [
        '{"id":"evt_1","description":"tracker.updated","result":{"id":"trk_1","tracking_details":[{"datetime":"no"}]}}',
        'body.result.tracking_details.0.datetime',
      ],
      [
        '{"id":"evt_1","description":"tracker.updated","result":{"id":"trk_1","tracking_details":"x"}}',
        'body.result.tracking_details',
      ],
    ] as const) {
      expect(() => easypostEventUpdates(Buffer.from(raw)), raw.slice(0, 30)).toThrow(
        expect.objectContaining({ fields: [expect.objectContaining({ field })] }) as Error,
      );
    }
    // Other events are not tracking: nothing to apply.
    expect(
      easypostEventUpdates(Buffer.from('{"id":"evt_2","description":"batch.created","result":{}}')),
    ).toEqual([]);
    // Emoji, RTL and long messages are kept, trimmed to 1000 characters.
    const [update] = easypostEventUpdates(
      Buffer.from(
        JSON.stringify({
          id: 'evt_3',
          description: 'tracker.updated',
          result: {
            id: 'trk_1',
            tracking_details: [
              {
                status: 'in_transit',
                datetime: '2024-01-01T00:00:00Z',
                message: `📦 \u202eمرحبا ${'x'.repeat(20_000)}`,
              },
            ],
          },
        }),
      ),
    );
    expect(update?.details[0]?.message).toHaveLength(1000);
  });
});

describe('EasyPost adapter against the fake API', () => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await startFakeEasypost('ek_test');
  });
  afterAll(async () => {
    await fake.close();
  });
  const address = {
    name: 'Ada',
    street1: '1 Main St',
    city: 'Austin',
    state: 'TX',
    zip: '78701',
    country: 'US',
  };

  it('quotes, buys, tracks and retrieves with Basic auth', async () => {
    const carrier = createEasypostCarrier({
      secrets: memorySecrets({ 'orders.easypost.api_key': 'ek_test' }),
      fetch: routedFetch({ [EASYPOST_API]: fake.url }),
    });
    const input = {
      reference: 'ord_1',
      parcel: { weightGrams: 1000 },
      from: address,
      to: address,
      currency: 'USD',
    };
    const rates = await carrier.rates(ctx, input);
    expect(rates.map((r) => [r.service, r.price.amountMinor, r.price.currency])).toEqual([
      ['USPS Priority', 758, 'USD'],
      ['USPS GroundAdvantage', 520, 'USD'],
    ]);
    const sent = JSON.parse(fake.requests[0]?.body ?? '{}') as { shipment: { parcel: { weight: number } } };
    expect(sent.shipment.parcel.weight).toBe(35.3);
    const label = await carrier.buy(ctx, {
      ...input,
      rateId: rates[1]?.rateId ?? '',
      carrierShipmentId: rates[1]?.carrierShipmentId ?? null,
      label: { orderNumber: 'SO-1', shipmentId: 'shp_1' },
    });
    expect(label).toMatchObject({
      trackingCode: 'EZ1000000001',
      cost: { amountMinor: 520, currency: 'USD' },
      labelUrl: 'https://easypost-files.example/label.png',
    });
    expect((await carrier.createTracker(ctx, { trackingCode: 'EZ1000000001' })).trackerId).toMatch(/^trk_/);
    expect((await carrier.retrieveTracker(ctx, 'trk_abc')).trackerId).toBe('trk_abc');
  });

  it('names a missing key and refuses a wrong one', async () => {
    const none = createEasypostCarrier({
      secrets: memorySecrets({}),
      fetch: routedFetch({ [EASYPOST_API]: fake.url }),
    });
    await expect(none.retrieveTracker(ctx, 'trk_1')).rejects.toMatchObject({
      code: 'ORDERS_SHIPPING_NOT_CONFIGURED',
    });
    const wrong = createEasypostCarrier({
      secrets: memorySecrets({ 'orders.easypost.api_key': 'nope' }),
      fetch: routedFetch({ [EASYPOST_API]: fake.url }),
    });
    await expect(wrong.retrieveTracker(ctx, 'trk_1')).rejects.toMatchObject({
      code: 'ORDERS_CARRIER_REFUSED',
    });
  });
});

describe('simulator rates', () => {
  const at = (country: string) => ({ name: 'x', street1: 'x', city: 'x', zip: '1', country });
  it('are deterministic by weight and zone', () => {
    const domestic = simulatorRates({ weightGrams: 1100 }, at('DE'), at('DE'), 'EUR');
    expect(domestic.map((r) => [r.service, r.price.amountMinor, r.deliveryDays])).toEqual([
      ['Simulated Standard', 690, 2],
      ['Simulated Express', 1380, 1],
    ]);
    expect(simulatorRates({ weightGrams: 900 }, at('DE'), at('FR'), 'EUR')[0]?.price.amountMinor).toBe(1190);
    expect(simulatorRates({ weightGrams: 900 }, at('DE'), at('US'), 'JPY')[0]?.price.amountMinor).toBe(25);
    expect(simulatorRates({ weightGrams: 1100 }, at('DE'), at('DE'), 'EUR')).toEqual(domestic);
  });
});
