import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import soap from 'soap';
import { erpWsdlPath } from '../erp.client.js';

/*
 * A fake ERP for tests: node-soap's server (soap.listen) on a local HTTP server, built from the
 * repo's WSDL, answering from in-memory data. It records the requests (arguments and the
 * WS-Security user) and can answer with a SOAP Fault or never answer (a hang).
 */

export interface FakeInventoryItem {
  readonly ItemNumber: string;
  readonly Warehouse: string;
  readonly QuantityOnHand: string;
  readonly ModifiedAt: string;
}
export interface FakeProductItem {
  readonly ItemNumber: string;
  readonly Description: string;
  readonly Prices: readonly { readonly Currency: string; readonly Value: string }[];
  readonly Status: string;
  readonly ModifiedAt: string;
}

export interface FakeErp {
  readonly url: string;
  inventory: FakeInventoryItem[];
  products: FakeProductItem[];
  mode: 'ok' | 'fault' | 'hang';
  readonly calls: { operation: string; args: Record<string, unknown>; user: string | undefined }[];
  close(): Promise<void>;
}

const page = <T>(items: readonly T[], args: Record<string, unknown>) => {
  // node-soap's server reads xs:dateTime into a Date.
  const given = args.ModifiedSince;
  const since =
    given instanceof Date
      ? given.getTime()
      : typeof given === 'string'
        ? Date.parse(given)
        : Number.NEGATIVE_INFINITY;
  const fresh = items.filter((i) => Date.parse((i as { ModifiedAt: string }).ModifiedAt) > since);
  const n = Number(args.Page);
  const size = Number(args.PageSize);
  return { slice: fresh.slice((n - 1) * size, n * size), hasMore: n * size < fresh.length };
};

export async function startFakeErp(wsdlPath = erpWsdlPath(), port = 0): Promise<FakeErp> {
  const server = http.createServer();
  const hung = new Set<http.ServerResponse>();
  const fake: FakeErp = {
    url: '',
    inventory: [],
    products: [],
    mode: 'ok',
    calls: [],
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  let user: string | undefined;
  // Before node-soap's listener: a hang never answers.
  server.prependListener('request', (_req, res) => {
    if (fake.mode === 'hang') hung.add(res);
  });
  const guard = (operation: string, args: Record<string, unknown>) => {
    fake.calls.push({ operation, args, user });
    if (fake.mode === 'fault')
      throw Object.assign(new Error('fault'), {
        Fault: { faultcode: 'a:InternalServiceFault', faultstring: 'Warehouse service unavailable' },
      });
    if (fake.mode === 'hang') return new Promise<never>(() => undefined);
    return undefined;
  };
  const service = {
    ErpService: {
      BasicHttpBinding_IErpService: {
        GetInventoryChanges: async (args: Record<string, unknown>) => {
          await guard('GetInventoryChanges', args);
          const { slice, hasMore } = page(fake.inventory, args);
          return {
            GetInventoryChangesResult: {
              ErrorCode: 0,
              Items: {
                InventoryItem: slice.map((i) => ({
                  ItemNumber: i.ItemNumber,
                  Warehouse: { Default: false, Id: i.Warehouse },
                  QuantityOnHand: i.QuantityOnHand,
                  ModifiedAt: i.ModifiedAt,
                })),
              },
              HasMore: hasMore,
            },
          };
        },
        GetProductMaster: async (args: Record<string, unknown>) => {
          await guard('GetProductMaster', args);
          const { slice, hasMore } = page(fake.products, args);
          return {
            GetProductMasterResult: {
              ErrorCode: 0,
              Items: { ProductItem: slice.map((p) => ({ ...p, Prices: { Price: p.Prices } })) },
              HasMore: hasMore,
            },
          };
        },
        GetItemInformation: async (args: Record<string, unknown>) => {
          await guard('GetItemInformation', args);
          return { GetItemInformationResult: { ErrorCode: 0, Items: args.Items } };
        },
      },
    },
  };
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const listener = soap.listen(server, '/erp', service, readFileSync(wsdlPath, 'utf8'));
  listener.authenticate = (security: { UsernameToken?: { Username?: string } } | undefined) => {
    user = security?.UsernameToken?.Username;
    return true;
  };
  const bound = (server.address() as AddressInfo).port;
  (fake as { url: string }).url = `http://127.0.0.1:${bound}/erp`;
  return fake;
}
