import { AppError, type FieldProblem } from '../../platform/errors.js';

/** Every CAMPAIGNS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const CampaignsErrors = {
  listNotFound: (field = 'params.listId') =>
    new AppError('CAMPAIGNS_LIST_NOT_FOUND', 'not_found', `${field}: the lead list was not found.`, {
      fields: [{ field, message: 'is not a lead list of this tenant' }],
    }),
  listNameTaken: (name: string) =>
    new AppError(
      'CAMPAIGNS_LIST_NAME_TAKEN',
      'conflict',
      `body.name: a lead list named '${name.slice(0, 200)}' exists already.`,
      { fields: [{ field: 'body.name', message: 'is the name of another lead list' }] },
    ),
  leadNotFound: () => new AppError('CAMPAIGNS_LEAD_NOT_FOUND', 'not_found', 'The lead was not found.'),
  /** 409: a status change the lead's current status does not allow (lead-status.ts). */
  statusChangeRefused: (from: string, to: string, allowed: readonly string[]) =>
    new AppError(
      'CAMPAIGNS_STATUS_CHANGE_REFUSED',
      'conflict',
      `body.status: a lead that is '${from}' cannot become '${to}'.`,
      {
        fields: [
          {
            field: 'body.status',
            message: allowed.length
              ? `a '${from}' lead can become: ${allowed.join(', ')}`
              : `a '${from}' lead keeps its status`,
          },
        ],
      },
    ),
  importNotFound: () =>
    new AppError('CAMPAIGNS_IMPORT_NOT_FOUND', 'not_found', 'The lead import was not found.'),
  mappingNotFound: (field = 'params.mappingId') =>
    new AppError('CAMPAIGNS_MAPPING_NOT_FOUND', 'not_found', `${field}: the column mapping was not found.`, {
      fields: [{ field, message: 'is not a column mapping of this tenant' }],
    }),
  mappingNameTaken: (field: string, name: string) =>
    new AppError(
      'CAMPAIGNS_MAPPING_NAME_TAKEN',
      'conflict',
      `${field}: a column mapping named '${name.slice(0, 200)}' exists already.`,
      { fields: [{ field, message: 'is the name of another column mapping' }] },
    ),
  /** 400: the upload or its options are not what the import takes, every problem named by field. */
  invalidImport: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CAMPAIGNS_INVALID_IMPORT',
      'invalid_input',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      { fields },
    ),
  /** 415: the file is not a lead file (sniffed from its bytes, not its name). */
  unsupportedFile: (field: string, message: string) =>
    new AppError('CAMPAIGNS_UNSUPPORTED_FILE', 'unsupported_media_type', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  /** 422: a file of a type this installation cannot read yet (XLSX without a streaming reader). */
  unreadableFile: (field: string, message: string) =>
    new AppError('CAMPAIGNS_UNREADABLE_FILE', 'unprocessable', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  fileTooLarge: (field: string, limit: number) =>
    new AppError('CAMPAIGNS_FILE_TOO_LARGE', 'payload_too_large', `${field} is larger than ${limit} bytes`, {
      fields: [{ field, message: `must be at most ${limit} bytes` }],
    }),
  invalidFilter: (field: string, message: string) =>
    new AppError('CAMPAIGNS_INVALID_FILTER', 'invalid_input', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  // Consent and suppression (consent/, suppression/).
  /** 400: a number that is not a possible E.164 number, named by field. */
  invalidNumber: (field: string) =>
    new AppError(
      'CAMPAIGNS_INVALID_NUMBER',
      'invalid_input',
      `${field} is not a possible phone number in E.164 (+ and the country code)`,
      {
        fields: [{ field, message: 'must be a possible phone number in E.164 (+ and the country code)' }],
      },
    ),
  invalidConsent: (field: string, message: string) =>
    new AppError('CAMPAIGNS_INVALID_CONSENT', 'invalid_input', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  consentNotFound: (field = 'params.consentId') =>
    new AppError('CAMPAIGNS_CONSENT_NOT_FOUND', 'not_found', `${field}: the consent record was not found.`, {
      fields: [{ field, message: 'is not a consent record of this tenant' }],
    }),
  consentAlreadyWithdrawn: (field = 'params.consentId') =>
    new AppError('CAMPAIGNS_CONSENT_WITHDRAWN', 'conflict', `${field}: the consent was withdrawn already.`, {
      fields: [{ field, message: 'was withdrawn already' }],
    }),
  invalidDncEntry: (field: string, message: string) =>
    new AppError('CAMPAIGNS_INVALID_DNC_ENTRY', 'invalid_input', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  dncEntryNotFound: (field = 'params.entryId') =>
    new AppError(
      'CAMPAIGNS_DNC_ENTRY_NOT_FOUND',
      'not_found',
      `${field}: the do-not-call entry was not found.`,
      {
        fields: [{ field, message: 'is not an active do-not-call entry of this tenant' }],
      },
    ),
  dncEntryExists: (field: string, entryId: string) =>
    new AppError(
      'CAMPAIGNS_DNC_ENTRY_EXISTS',
      'conflict',
      `${field} is on the do-not-call list already (${entryId}).`,
      {
        fields: [{ field, message: `is on the do-not-call list already (${entryId})` }],
      },
    ),
  invalidRegistryImport: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CAMPAIGNS_INVALID_REGISTRY_IMPORT',
      'invalid_input',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      { fields },
    ),
} as const;
