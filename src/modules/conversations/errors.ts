import { AppError, type FieldProblem } from '../../platform/errors.js';

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
      `${field}: '${name}' is not a transcription provider this recording can be run with: configure it in the conversations settings first (now: ${known.join(', ')}).`,
      { fields: [{ field, message: `must be one of ${known.join(', ')}` }] },
    ),
  /** The platform runs without workflows (a CLI process): nothing can start a run here. */
  workflowsUnavailable: () =>
    new AppError(
      'CONVERSATIONS_WORKFLOWS_UNAVAILABLE',
      'unavailable',
      'This process cannot start pipeline runs (no workflow engine).',
    ),

  // analysis-config/
  analysisConfigNotFound: (what: string) =>
    new AppError('CONVERSATIONS_ANALYSIS_CONFIG_NOT_FOUND', 'not_found', `The ${what} was not found.`),
  /** 404 naming the field that asked for a version the configuration does not have. */
  analysisConfigVersionNotFound: (field: string, version: number, latest: number) =>
    new AppError(
      'CONVERSATIONS_ANALYSIS_CONFIG_VERSION_NOT_FOUND',
      'not_found',
      `${field}: version ${version} does not exist (the newest is ${latest}).`,
      { fields: [{ field, message: `must be between 1 and ${latest}` }] },
    ),
  /** 400: a scorecard, insight schema or category set that cannot be saved, every problem named by field. */
  invalidAnalysisConfig: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CONVERSATIONS_INVALID_ANALYSIS_CONFIG',
      'invalid_input',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      { fields },
    ),
  /** 404: the recording has not been analysed (yet). */
  noAnalysis: () =>
    new AppError(
      'CONVERSATIONS_NO_ANALYSIS',
      'not_found',
      'This recording has no analysis yet: it is made once the transcript is stored.',
    ),
  /** 409: a preview of a recording that has no transcript yet. */
  noTranscript: () =>
    new AppError(
      'CONVERSATIONS_NO_TRANSCRIPT',
      'conflict',
      'This recording has no transcript yet: wait until the pipeline made one.',
    ),

  // dashboards/
  /** 404: no recording of the tenant names this agent key. */
  agentNotFound: () =>
    new AppError(
      'CONVERSATIONS_AGENT_NOT_FOUND',
      'not_found',
      'No recording of this tenant has this agent: take the agent key from the quality dashboard.',
    ),

  // reviews/ (overrides and disputes of a QA evaluation)
  /** 409: the analysis was made without a scorecard: there is nothing to override or dispute by rule. */
  noQaEvaluation: () =>
    new AppError(
      'CONVERSATIONS_NO_QA_EVALUATION',
      'conflict',
      'This analysis has no QA evaluation: no scorecard was active when it was made.',
    ),
  /** 404 naming the field: the rule is not one of the evaluation's scorecard rules. */
  qaRuleNotFound: (field: string, ruleId: string) =>
    new AppError(
      'CONVERSATIONS_QA_RULE_NOT_FOUND',
      'not_found',
      `${field}: '${ruleId}' is not a rule of this analysis' scorecard.`,
      { fields: [{ field, message: 'is not a rule of the scorecard this analysis used' }] },
    ),
  disputeNotFound: () =>
    new AppError('CONVERSATIONS_DISPUTE_NOT_FOUND', 'not_found', 'The dispute was not found.'),
  /** 409: accepted or rejected already; a resolution is final. */
  disputeResolved: (state: string) =>
    new AppError(
      'CONVERSATIONS_DISPUTE_RESOLVED',
      'conflict',
      `This dispute was ${state} already; raise a new one to contest the evaluation again.`,
    ),
  /** 409: an override asked with a resolution it cannot carry. */
  disputeOverrideRefused: (field: string, why: string) =>
    new AppError('CONVERSATIONS_DISPUTE_OVERRIDE_REFUSED', 'conflict', `${field}: ${why}`, {
      fields: [{ field, message: why }],
    }),

  // analyses/rescore
  rescoreJobNotFound: () =>
    new AppError('CONVERSATIONS_RESCORE_JOB_NOT_FOUND', 'not_found', 'The re-score job was not found.'),
  /** 400: a list cursor (or other input the schema cannot check) that is not valid, named by field. */
  invalidRescore: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CONVERSATIONS_INVALID_RESCORE',
      'invalid_input',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      { fields },
    ),
  /** 409: cancelling a job that is no longer running. */
  rescoreFinished: (state: string) =>
    new AppError(
      'CONVERSATIONS_RESCORE_FINISHED',
      'conflict',
      `The re-score job is ${state}: only a running job can be cancelled.`,
    ),
  /** 409: the running job for the same period finished while this request was joining it. */
  rescoreRaced: () =>
    new AppError(
      'CONVERSATIONS_RESCORE_RACED',
      'conflict',
      'A re-score job for the same period finished just now: ask again to start a new one.',
    ),

  // recordings/
  /** 400: the request is not what the upload API takes (its shape, its parts, its metadata). */
  invalidUpload: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CONVERSATIONS_INVALID_UPLOAD',
      'invalid_input',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      { fields },
    ),
  /** 415: the body or a part is of a type this endpoint does not take. */
  unsupportedMedia: (field: string, message: string) =>
    new AppError('CONVERSATIONS_UNSUPPORTED_MEDIA', 'unsupported_media_type', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  /** 422: well-formed, but content that cannot be a recording (empty, truncated, an unreadable transcript). */
  unprocessable: (field: string, message: string) =>
    new AppError('CONVERSATIONS_UNPROCESSABLE_UPLOAD', 'unprocessable', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  tooLarge: (field: string, limit: number) =>
    new AppError(
      'CONVERSATIONS_UPLOAD_TOO_LARGE',
      'payload_too_large',
      `${field} is larger than ${limit} bytes`,
      { fields: [{ field, message: `must be at most ${limit} bytes` }] },
    ),
  callNotFound: (callId: string) =>
    new AppError(
      'CONVERSATIONS_CALL_NOT_FOUND',
      'unprocessable',
      `metadata.callId ${callId} is not a call of this tenant`,
      { fields: [{ field: 'metadata.callId', message: 'is not a call of this tenant' }] },
    ),
  uploadLinkInvalid: () =>
    new AppError(
      'CONVERSATIONS_UPLOAD_LINK_INVALID',
      'forbidden',
      'This upload link is invalid, has expired, or was replaced by a newer upload of the same recording.',
    ),
  /** 409: complete was called before the audio was PUT, or the recording is past uploading. */
  uploadIncomplete: (message: string) => new AppError('CONVERSATIONS_UPLOAD_INCOMPLETE', 'conflict', message),
  uploadMismatch: (field: string, message: string) =>
    new AppError('CONVERSATIONS_UPLOAD_MISMATCH', 'unprocessable', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  /** 409: a newer delivery of the same recording took over while this one was storing its audio. */
  uploadSuperseded: () =>
    new AppError(
      'CONVERSATIONS_UPLOAD_SUPERSEDED',
      'conflict',
      'A newer delivery of this recording took it over before this one completed; nothing of this one was kept.',
    ),
  noAudio: () =>
    new AppError(
      'CONVERSATIONS_NO_AUDIO',
      'conflict',
      'This recording has no audio: it was received as a transcript only, or its upload is not complete.',
    ),
  redactedAudioNotReady: () =>
    new AppError(
      'CONVERSATIONS_REDACTED_AUDIO_NOT_READY',
      'conflict',
      'No redacted copy of this audio exists yet (the pipeline makes it). Ask again later, or ask for variant=original with the permission recordings:read_original.',
    ),
  invalidFilter: (field: string, message: string) =>
    new AppError('CONVERSATIONS_INVALID_FILTER', 'invalid_input', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  objectUnavailable: (cause: unknown) =>
    new AppError(
      'CONVERSATIONS_OBJECT_STORE_UNAVAILABLE',
      'unavailable',
      'The object store did not answer; try again.',
      {
        cause,
        retryAfterSeconds: 5,
      },
    ),

  // sources/ (pull connectors as a tenant configures them)
  sourceNotFound: () =>
    new AppError('CONVERSATIONS_SOURCE_NOT_FOUND', 'not_found', 'The recording source was not found.'),
  sourceNameTaken: (name: string) =>
    new AppError(
      'CONVERSATIONS_SOURCE_NAME_TAKEN',
      'conflict',
      `body.name: a recording source named '${name}' exists already.`,
      { fields: [{ field: 'body.name', message: 'is the name of another recording source' }] },
    ),
  invalidSource: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CONVERSATIONS_INVALID_SOURCE',
      'invalid_input',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      { fields },
    ),
  /** 409: a run of this source holds its lease (the timer's, another process's, or a run-now). */
  sourceRunInProgress: () =>
    new AppError(
      'CONVERSATIONS_SOURCE_RUN_IN_PROGRESS',
      'conflict',
      'A run of this recording source is under way: wait for it to finish (GET .../runs), then start another.',
    ),
  /** 403: the Twilio callback is not signed with the source's auth token (or names another account). */
  sourceCallbackRefused: (why: string) =>
    new AppError('CONVERSATIONS_SOURCE_CALLBACK_REFUSED', 'forbidden', `The callback was refused: ${why}.`),
  /** 503: the callback was genuine, but fetching or storing the recording failed (the run says why). */
  sourceCallbackFailed: (runId: string, message: string) =>
    new AppError(
      'CONVERSATIONS_SOURCE_CALLBACK_FAILED',
      'unavailable',
      `The recording could not be fetched and stored (run ${runId}): ${message}`,
    ),
  /** What a pulled recording's metadata could not be turned into (a terminal per-recording failure). */
  pulledMetadataInvalid: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CONVERSATIONS_PULLED_METADATA_INVALID',
      'unprocessable',
      `The source's metadata is not usable: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
      { fields },
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
  /** Every configured transcription provider refused or failed for a reason a retry does not change (credentials, a rejected request). */
  | 'transcription_failed'
  /** The provider heard no speech in the recording. */
  | 'no_speech'
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
