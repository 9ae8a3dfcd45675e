/**
 * The second door of calls, for tests and benchmarks only (never production code; the lint rule
 * keeps it so): call-record fixtures, a fake Microsoft Graph, and the blind-index purposes a bulk
 * loader needs to write index rows the calls service can read.
 */
export { callRecord, leg, normalisedCall, party } from './call-record.fixtures.js';
export { knownCallRecordId, startGraphFake, type GraphFake } from './graph.fake-server.js';
export { termPurposes } from '../query/search-terms.js';
/** The vCon importer, for round trips of what other modules add to a call's vCon export. */
export { normaliseVcon } from '../connectors/normalise-vcon.js';
/** Real normalised calls (the fixtures of nine sources), and records encrypted as the store does. */
export { realCalls } from './real-calls.js';
export { createCallCrypto, type CallWriteCrypto } from '../store/call-crypto.js';
export type { RecordEncoding } from '../store/record-encoding.js';
export type { NormalisedCall } from '../call-record.js';
