import { AppError } from '../../platform/errors.js';

/** Every PRIVACY_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const PrivacyErrors = {
  requestNotFound: () =>
    new AppError('PRIVACY_REQUEST_NOT_FOUND', 'not_found', 'The data-subject request was not found.'),
  invalidField: (field: string, message: string) =>
    new AppError('PRIVACY_INVALID_INPUT', 'invalid_input', message, { fields: [{ field, message }] }),
  invalidState: (status: string, wanted: string) =>
    new AppError(
      'PRIVACY_REQUEST_STATE',
      'conflict',
      `The request is ${status.replace('_', ' ')}; this needs it to be ${wanted}.`,
    ),
  alreadyExtended: () =>
    new AppError(
      'PRIVACY_ALREADY_EXTENDED',
      'conflict',
      'The deadline was extended once already (GDPR Art. 12(3) allows two further months, once).',
    ),
  busy: () =>
    new AppError(
      'PRIVACY_REQUEST_BUSY',
      'conflict',
      'The request is being processed right now; look at its trail in a moment.',
    ),
  participantFailed: (module: string, message: string) =>
    new AppError(
      'PRIVACY_PARTICIPANT_FAILED',
      'unavailable',
      `The ${module} module failed: ${message}. The request stays in progress; process it again once ${module} is fixed.`,
      { retryAfterSeconds: 60 },
    ),
  noExport: () =>
    new AppError('PRIVACY_NO_EXPORT', 'not_found', 'This request has no data package to download (yet).'),
  exportExpired: () =>
    new AppError(
      'PRIVACY_EXPORT_EXPIRED',
      'gone',
      'The download link of this data package expired (7 days); make a new access request.',
    ),
  noSubject: () =>
    new AppError(
      'PRIVACY_SUBJECT_GONE',
      'conflict',
      'The identifiers of this request were already removed; it cannot be processed again.',
    ),
} as const;
