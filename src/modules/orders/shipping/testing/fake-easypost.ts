import { readFileSync } from 'node:fs';
import { startFakeServer, type FakeServer } from '../../../../platform/testing/fake-http-server.js';
import { easypostSignature } from '../easypost.js';

/*
 * A FAKE EasyPost API for tests, from its documented shapes: POST /v2/shipments answers two rates,
 * POST /v2/shipments/:id/buy a bought shipment (tracking code, label URL, tracker), POST /v2/trackers
 * and GET /v2/trackers/:id the real tracker fixture with the id asked for. Basic auth with `apiKey`.
 */

export const FIXTURES = new URL('../../../../../../shared/fixtures/real/shipping/', import.meta.url);
export const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

export async function startFakeEasypost(apiKey: string): Promise<FakeServer> {
  const tracker = JSON.parse(fixture('easypost-tracker-retrieve.json')) as Record<string, unknown>;
  let n = 0;
  /** The first label carries the fixture's tracking code and tracker; later ones their own, as EasyPost's do. */
  let bought = 0;
  return startFakeServer((request) => {
    const expected = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
    if (request.headers.authorization !== expected)
      return { status: 401, body: { error: { code: 'APIKEY.INACTIVE', message: 'bad key' } } };
    if (request.method === 'POST' && request.path === '/v2/shipments') {
      n += 1;
      const id = `shp_fake${n}`;
      return {
        status: 201,
        body: {
          id,
          object: 'Shipment',
          rates: [
            {
              id: `rate_${n}a`,
              shipment_id: id,
              carrier: 'USPS',
              service: 'Priority',
              rate: '7.58',
              currency: 'USD',
              delivery_days: 2,
            },
            {
              id: `rate_${n}b`,
              shipment_id: id,
              carrier: 'USPS',
              service: 'GroundAdvantage',
              rate: '5.20',
              currency: 'USD',
              delivery_days: 5,
            },
          ],
        },
      };
    }
    const buy = /^\/v2\/shipments\/(shp_[a-z0-9]+)\/buy$/.exec(request.path);
    if (request.method === 'POST' && buy) {
      const body = JSON.parse(request.body) as { rate: { id: string } };
      const cheap = body.rate.id.endsWith('b');
      bought += 1;
      return {
        status: 200,
        body: {
          id: buy[1],
          tracking_code: `EZ${String(1_000_000_000 + bought)}`,
          postage_label: { label_url: 'https://easypost-files.example/label.png' },
          selected_rate: {
            id: body.rate.id,
            carrier: 'USPS',
            service: cheap ? 'GroundAdvantage' : 'Priority',
            rate: cheap ? '5.20' : '7.58',
            currency: 'USD',
          },
          tracker: {
            id:
              bought === 1
                ? 'trk_9135862729734d96ad2f9ed0f0565a27'
                : `trk_${String(bought).padStart(32, '0')}`,
            public_url: 'https://track.easypost.com/djE6',
          },
        },
      };
    }
    if (request.method === 'POST' && request.path === '/v2/trackers') return { status: 201, body: tracker };
    const get = /^\/v2\/trackers\/([a-z0-9_]+)$/.exec(request.path);
    if (request.method === 'GET' && get) return { status: 200, body: { ...tracker, id: get[1] } };
    return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no such route' } } };
  });
}

/** A tracker.updated Event for `tracker`, signed with `secret`. */
export function signedTrackerEvent(secret: string, eventId: string, tracker: Record<string, unknown>) {
  const body = JSON.stringify({
    id: eventId,
    object: 'Event',
    description: 'tracker.updated',
    result: tracker,
  });
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-hmac-signature': easypostSignature(secret, body) },
  };
}
