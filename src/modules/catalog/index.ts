export type * from './contract.js';
export * from './events.js';
export { catalogModule, type CatalogApi } from './catalog.module.js';
