export type * from './contract.js';
export * from './events.js';
export { callsModule, type CallsApi } from './calls.module.js';
export { CALL_FILE_FORMATS } from './connectors/connector-registry.js';
export type { CallFileImport, CallFileOptions, ImportTotals } from './ingest/file-import.js';
/** Pure: checks X-Twilio-Signature (conversations' recording callbacks use it too). */
export { validateTwilioSignature } from './connectors/twilio-signature.js';
