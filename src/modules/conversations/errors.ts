import { AppError } from '../../platform/errors.js';

/** Every CONVERSATIONS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const ConversationsErrors = {
  recordingNotFound: () =>
    new AppError('CONVERSATIONS_RECORDING_NOT_FOUND', 'not_found', 'The recording was not found.'),

  // pipeline/
  /** A re-run asked while one is still under way: the newest run would race the one before. */
  runInProgress: () =>
    new AppError(
      'CONVERSATIONS_RUN_IN_PROGRESS',
      'conflict',
      'A run of this recording is still under way: wait for it to finish, then start another.',
    ),
  /** A re-run of a recording whose audio is not stored yet (still uploading). */
  recordingNotReceived: () =>
    new AppError(
      'CONVERSATIONS_RECORDING_NOT_RECEIVED',
      'conflict',
      'The recording is still uploading: it is processed once its audio is stored.',
    ),
  unknownProvider: (field: string, name: string, known: readonly string[]) =>
    new AppError(
      'CONVERSATIONS_UNKNOWN_PROVIDER',
      'invalid_input',
      `${field}: '${name}' is not a transcription provider of this installation (${known.join(', ')}).`,
      { fields: [{ field, message: `must be one of ${known.join(', ')}` }] },
    ),
  /** The platform runs without workflows (a CLI process): nothing can start a run here. */
  workflowsUnavailable: () =>
    new AppError(
      'CONVERSATIONS_WORKFLOWS_UNAVAILABLE',
      'unavailable',
      'This process cannot start pipeline runs (no workflow engine).',
    ),
} as const;

/**
 * Why a pipeline run gave up: stored as the recording's `failure_code` (with a reason in words)
 * and sent in conversations.recording.failed.v1. The audio codes are those of the audio library.
 */
export type PipelineFailureCode =
  | 'empty'
  | 'not_audio'
  | 'malformed'
  | 'truncated'
  | 'unsupported_codec'
  | 'decoder_failed'
  /** Neither audio nor a supplied transcript is stored for the recording. */
  | 'no_media'
  /** The supplied transcript could not be read. */
  | 'transcript_unreadable'
  /** No transcript was supplied and no speech engine or provider is installed. */
  | 'no_local_engine'
  /** A provider or the store kept failing after every retry. */
  | 'retries_exhausted';

/** A terminal failure of a run: the same input would fail again, so it is never retried. */
export class PipelineFailure extends AppError {
  constructor(
    readonly failureCode: PipelineFailureCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(`CONVERSATIONS_PIPELINE_${failureCode.toUpperCase()}`, 'unprocessable', message, options);
    this.name = 'PipelineFailure';
  }
}
