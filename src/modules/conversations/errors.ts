import { AppError } from '../../platform/errors.js';

/** Every CONVERSATIONS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const ConversationsErrors = {
  recordingNotFound: () =>
    new AppError('CONVERSATIONS_RECORDING_NOT_FOUND', 'not_found', 'The recording was not found.'),
} as const;
