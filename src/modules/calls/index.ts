export type * from './contract.js';
export { createCallsModule, type CallsModule, type CallsDeps } from './calls.module.js';
export { callsMigrations } from './db/migrations/index.js';
export { CallsErrors } from './errors.js';
export {
  callRecordV1Schema,
  normalisedCallSchema,
  toCallRecordV1,
  newCallId,
  compareSourceVersions,
  CALL_SOURCES,
  type PlatformFields,
} from './call-record.js';
export { callConnectors, getCallConnector, type CallConnector, type ConnectorOptions } from './connectors/connector-registry.js';
export { toVcon } from './vcon.js';
export {
  createGraphClient,
  GraphError,
  type GraphClient,
  type GraphClientOptions,
  type GraphCredentials,
  type GraphCallRecordResult,
  type GraphSubscription,
} from './connectors/graph-client.js';
