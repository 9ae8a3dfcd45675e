/**
 * A demo ERP for the README's first run: the test suite's SOAP server (built from the WSDL beside the client,
 * src/modules/catalog/erp/erp.wsdl) with a small product master and stock in two warehouses, on
 * http://127.0.0.1:8089/erp (ERP_DEMO_PORT to change it). Point the ERP connection at it:
 *
 *   npm run demo:erp
 *
 * It is the same fake the tests start — not an ERP — and keeps its data in memory.
 */
import { startFakeErp } from './fake-erp.js';

const port = Number(process.env.ERP_DEMO_PORT ?? 8089);
const erp = await startFakeErp(undefined, port);
const now = new Date().toISOString();
erp.products = [
  {
    ItemNumber: 'MUG-001',
    Description: 'Stoneware mug, 350 ml',
    Prices: [
      { Currency: 'EUR', Value: '14.90' },
      { Currency: 'USD', Value: '15.90' },
    ],
    Status: 'Active',
    ModifiedAt: now,
  },
  {
    ItemNumber: 'TEE-002',
    Description: 'Organic cotton T-shirt',
    Prices: [{ Currency: 'EUR', Value: '24.00' }],
    Status: 'Active',
    ModifiedAt: now,
  },
];
erp.inventory = [
  { ItemNumber: 'MUG-001', Warehouse: 'WH1', QuantityOnHand: '25', ModifiedAt: now },
  { ItemNumber: 'TEE-002', Warehouse: 'WH1', QuantityOnHand: '10', ModifiedAt: now },
  { ItemNumber: 'TEE-002', Warehouse: 'WH2', QuantityOnHand: '4', ModifiedAt: now },
];
process.stdout.write(
  `Demo ERP (SOAP) on ${erp.url} — warehouses WH1 and WH2, items MUG-001 and TEE-002. Ctrl-C stops it.\n`,
);
const stop = () => {
  void erp.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
