export type * from './privacy.contract.js';
export * from './classification.js';
