export type * from './contract.js';
export * from './events.js';
export { ordersModule, type OrdersApi } from './orders.module.js';
