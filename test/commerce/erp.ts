/*
 * The ERP the first-order test syncs inventory from. Until the inventory engineer's SOAP test
 * server (src/modules/catalog/erp/) is merged, there is none, and the test stocks the products
 * through PUT /api/v1/catalog/inventory instead.
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
  close(): Promise<void>;
}

export function startErp(_items: readonly ErpStockItem[]): Promise<RunningErp | undefined> {
  return Promise.resolve(undefined);
}
