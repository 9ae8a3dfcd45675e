export type * from './contract.js';
export * from './events.js';
export { customersModule, type CustomersApi } from './customers.module.js';
