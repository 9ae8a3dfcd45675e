import { startFakeErp } from '../../src/modules/catalog/testing/index.js';

/*
 * The ERP the first-order test syncs inventory from: the catalog's fake ERP (node-soap's server
 * built from the repo's WSDL), holding the stock it is given as items changed a minute ago.
 */

export interface ErpStockItem {
  readonly sku: string;
  readonly warehouse: string;
  readonly quantity: number;
}

export interface RunningErp {
  /** The SOAP endpoint the connection names. */
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
  /** Who the ERP saw call it (WS-Security user names), one per request. */
  callers(): (string | undefined)[];
  close(): Promise<void>;
}

export async function startErp(items: readonly ErpStockItem[]): Promise<RunningErp> {
  const fake = await startFakeErp();
  const modifiedAt = new Date(Date.now() - 60_000).toISOString();
  fake.inventory.push(
    ...items.map((item) => ({
      ItemNumber: item.sku,
      Warehouse: item.warehouse,
      QuantityOnHand: String(item.quantity),
      ModifiedAt: modifiedAt,
    })),
  );
  return {
    endpoint: fake.url,
    username: 'shop-sync',
    password: 'erp-secret',
    callers: () => fake.calls.map((c) => c.user),
    close: () => fake.close(),
  };
}
