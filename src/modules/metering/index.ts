export type * from './contract.js';
export { meteringModule, type MeteringApi } from './metering.module.js';
export { meters, meterNames, type MeterName, type MeterDefinition } from './meters.js';
