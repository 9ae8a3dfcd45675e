/** What tests outside the catalog may use of its test helpers: the fake SOAP ERP and the product seeder. */
export {
  startFakeErp,
  type FakeErp,
  type FakeInventoryItem,
  type FakeProductItem,
} from '../erp/testing/fake-erp.js';
export * from './seed-products.js';
