/**
 * Recording pull connectors: a generic recorder REST API, Twilio Recordings, 3CX V20 XAPI. Pure
 * connector code: no database, no bus. The timer trigger (wired by the module) keeps a cursor
 * per tenant and connector and calls runPull; the recordings ingest receives each recording.
 */
export type {
  PartyRole,
  PulledAudio,
  PulledParty,
  PulledRecording,
  PulledRecordingMetadata,
  PullContext,
  PullCursor,
  PullPass,
  PullWindow,
  RecordingSource,
  SkippedRecording,
} from './recording-source.types.js';
export {
  DEFAULT_PULL_SCHEDULE,
  pullWindow,
  runPull,
  type PullFailure,
  type PullReport,
  type PullSchedule,
  type RunPullInput,
} from './pull-run.js';
export { PullError, PullErrors, type PullFailureReason } from './pull.errors.js';
export type { PullHttpOptions } from './pull-http.js';
export {
  createRecordingSource,
  pullConnectorConfigSchema,
  secretNamesOf,
  type PullConnectorConfig,
  type PullConnectorConfigInput,
} from './pull-connectors.js';
export { restRecorderConfigSchema, type RestRecorderConfig } from './rest-recorder.config.js';
export { createRestRecorderSource } from './rest-recorder.source.js';
export { twilioRecordingsConfigSchema, type TwilioRecordingsConfig } from './twilio-recordings.config.js';
export {
  createTwilioRecordingsSource,
  type TwilioRecordingFacts,
  type TwilioRecordingsSource,
} from './twilio-recordings.source.js';
export {
  readTwilioRecordingCallback,
  verifyTwilioRecordingCallback,
  type TwilioCallbackRequest,
  type TwilioRecordingCallback,
} from './twilio-recording-callback.js';
export { threecxRecordingsConfigSchema, type ThreecxRecordingsConfig } from './threecx-recordings.config.js';
export { createThreecxRecordingsSource } from './threecx-recordings.source.js';
