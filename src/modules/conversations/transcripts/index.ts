/**
 * Transcripts: the one transcript model of conversations and the parsers of supplied
 * transcripts (caption files and provider JSON). Pure: no database, no I/O.
 */
export {
  TRANSCRIPT_SCHEMA_VERSION,
  redactionMarkerSchema,
  speakerRoleSchema,
  transcriptFormatSchema,
  transcriptProvenanceSchema,
  transcriptSchema,
  transcriptSegmentSchema,
  transcriptSpeakerSchema,
  transcriptWordSchema,
} from './transcript.schema.js';
export type {
  RedactionMarker,
  SpeakerRole,
  Transcript,
  TranscriptFormat,
  TranscriptProvenance,
  TranscriptSegment,
  TranscriptSpeaker,
  TranscriptWord,
} from './transcript.schema.js';
export { TranscriptParseError, type TranscriptErrorReason } from './transcript.errors.js';
export {
  DEFAULT_MAX_TRANSCRIPT_BYTES,
  detectJsonFormat,
  parseTranscript,
  type ParseTranscriptHint,
} from './parse-transcript.js';
export { builtProvenance, TRANSCRIPT_PARSER_VERSION } from './transcript-draft.js';
export type { SpeakerRoleHint } from './speakers.js';
export { engineDocumentSchema, type EngineDocument } from './parse-engine.js';
