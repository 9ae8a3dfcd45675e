/**
 * Redaction: finds card data (PCI DSS) and personal data in a transcript, written or spoken, and
 * returns the redacted transcript plus the spans to keep encrypted for an audited reveal. Pure:
 * no database, no I/O. Rules and limits: docs/conversations.md.
 */
export {
  PCI_ENTITY_TYPES,
  redactionEntityTypeSchema,
  redactionSpanSchema,
  replacementToken,
  type RedactionEntityType,
  type RedactionSpan,
} from './redaction.schema.js';
export {
  REDACTION_POLICY_VERSION,
  redactTranscript,
  revealSegmentText,
  type RedactionOptions,
  type TranscriptRedaction,
} from './redact-transcript.js';
export { abaRoutingValid, ibanValid, luhnValid, ssnValid, ukNinoValid } from './checksums.js';
export {
  redactAudio,
  redactAudioToFile,
  redactPcm,
  sampleRanges,
  type AudioRedactionOptions,
  type MuteRange,
} from './audio-redaction.js';
