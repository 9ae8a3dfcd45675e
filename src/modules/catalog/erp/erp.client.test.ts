import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import soap from 'soap';
import { afterEach, describe, expect, it } from 'vitest';
import { createErpClients, createSoapClient, ErpCallError, parseItemInformation } from './erp.client.js';
import { startFakeErp, type FakeErp } from './testing/fake-erp.js';

/*
 * The SOAP client against the REAL fixtures of a WCF GetItemInformation service (read in place
 * from ../shared/fixtures/real/erp-soap/) and against a fake ERP built from the repo's WSDL:
 * envelopes, parsing, WS-Security, faults, timeouts, retries and the circuit breaker.
 */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const fixtures = path.resolve(repo, '../shared/fixtures/real/erp-soap');
const fixtureWsdl = path.join(fixtures, 'node-soap-GetItemInformation.wsdl');

/** The SOAP Body of an envelope with namespace prefixes and declarations dropped: what it says, not how. */
const bodyOf = (xml: string) => {
  const parsed = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false }).parse(
    xml,
  ) as {
    Envelope: { Body: unknown };
  };
  return parsed.Envelope.Body;
};
const namespacesOf = (xml: string) => [...xml.matchAll(/xmlns(?::\w+)?="([^"]+)"/g)].map((m) => m[1]);

type Itemised = { GetItemInformationAsync(args: object): Promise<unknown[]> };

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.close();
});

async function listen(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('ERP SOAP client: the real GetItemInformation fixtures', () => {
  it('sends the envelope the real service expects', async () => {
    const { server, url } = await listen(() => undefined);
    server.removeAllListeners('request');
    soap.listen(
      server,
      '/v1/',
      {
        SampleService: {
          BasicHttpBinding_SampleService: {
            GetItemInformation: (args: Record<string, unknown>) => ({
              GetItemInformationResult: { ErrorCode: 0, Items: args.Items },
            }),
          },
        },
      },
      readFileSync(fixtureWsdl, 'utf8'),
    );
    const client = await createSoapClient(fixtureWsdl, { endpoint: `${url}/v1/` }, 5_000);
    const [result] = await (client as unknown as Itemised).GetItemInformationAsync({
      Items: { Item: [{ ItemNumber: '1234', RequestedQuantity: { Value: '1.00' } }] },
    });
    // What went over the wire (node-soap keeps the last request it sent).
    const requests = [client.lastRequest ?? ''];
    const expected = readFileSync(path.join(fixtures, 'node-soap-GetItemInformation-request.xml'), 'utf8');
    expect(requests).toHaveLength(1);
    expect(bodyOf(requests[0] ?? '')).toEqual(bodyOf(expected));
    expect(namespacesOf(requests[0] ?? '')).toEqual(
      expect.arrayContaining(['http://schemas.xmlsoap.org/soap/envelope/', 'SAMPLE']),
    );
    // The soap server echoes the items (its own decimal rendering): the client reads them back.
    expect(parseItemInformation(result).map((i) => i.itemNumber)).toEqual(['1234']);
  });

  it('parses the real response envelope (served raw) into items', async () => {
    const raw = readFileSync(path.join(fixtures, 'node-soap-GetItemInformation-response.xml'), 'utf8');
    const { url } = await listen((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(raw));
    });
    const client = await createSoapClient(fixtureWsdl, { endpoint: `${url}/v1/` }, 5_000);
    const [result] = await (client as unknown as Itemised).GetItemInformationAsync({
      Items: { Item: [{ ItemNumber: '1234' }] },
    });
    expect(parseItemInformation(result)).toEqual([
      { itemNumber: '1234', requestedQuantity: '1.00', warehouses: [] },
    ]);
  });
});

describe('ERP SOAP client: the repo WSDL against a fake ERP', () => {
  let erp: FakeErp;
  afterEach(async () => {
    await erp.close();
  });

  it('pages inventory changes with WS-Security, decimals kept as text', async () => {
    erp = await startFakeErp();
    erp.inventory = [
      { ItemNumber: 'A-1', Warehouse: 'WH1', QuantityOnHand: '12.000', ModifiedAt: '2026-01-02T10:00:00Z' },
      { ItemNumber: 'A-2', Warehouse: 'WH2', QuantityOnHand: '3', ModifiedAt: '2026-01-02T11:00:00Z' },
    ];
    const client = createErpClients().forTenant('t1', {
      endpoint: erp.url,
      username: 'erp-user',
      password: 's3cret',
    });
    const first = await client.getInventoryChanges({
      modifiedSince: '2026-01-01T00:00:00Z',
      page: 1,
      pageSize: 1,
    });
    expect(first).toEqual({
      items: [
        {
          itemNumber: 'A-1',
          warehouseId: 'WH1',
          quantityOnHand: '12.000',
          modifiedAt: '2026-01-02T10:00:00Z',
        },
      ],
      hasMore: true,
    });
    expect(erp.calls[0]?.user).toBe('erp-user');
    expect(erp.calls[0]?.args).toMatchObject({ Page: 1, PageSize: 1 });
  });

  it('a SOAP Fault fails the call with its text, unretried, and the breaker counts it', async () => {
    erp = await startFakeErp();
    erp.mode = 'fault';
    const clients = createErpClients({ breakerThreshold: 2, attempts: 3, initialBackoffMs: 1 });
    const client = clients.forTenant('t2', { endpoint: erp.url });
    const error = await client
      .getProductMaster({ modifiedSince: null, page: 1, pageSize: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErpCallError);
    expect((error as Error).message).toContain('Warehouse service unavailable');
    expect(erp.calls).toHaveLength(1);
    expect(clients.circuit('t2')).toBe('closed');
    await client.getProductMaster({ modifiedSince: null, page: 1, pageSize: 10 }).catch(() => undefined);
    expect(clients.circuit('t2')).toBe('open');
    expect(clients.circuit('other-tenant')).toBe('closed');
    const blocked = await client.getProductMaster({ modifiedSince: null, page: 1, pageSize: 10 }).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(blocked.message).toContain('circuit is open');
    expect(erp.calls).toHaveLength(2);
  });

  it('a hanging ERP: each attempt times out, is retried, and the breaker opens', async () => {
    erp = await startFakeErp();
    erp.mode = 'hang';
    const clients = createErpClients({
      timeoutMs: 200,
      attempts: 3,
      initialBackoffMs: 1,
      breakerThreshold: 3,
    });
    const client = clients.forTenant('t3', { endpoint: erp.url });
    const error = await client.getInventoryChanges({ modifiedSince: null, page: 1, pageSize: 10 }).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(ErpCallError);
    expect(error.message).toMatch(/timed out after 200 ms|circuit is open/);
    expect(clients.circuit('t3')).toBe('open');
  });
});
