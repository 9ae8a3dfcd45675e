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
  // Telephony adapters (telephony/).
  /** 404: the callback path names no adapter that takes webhooks, or a malformed tenant. */
  telephonyCallbackNotFound: (field: string, message: string) =>
    new AppError('CAMPAIGNS_TELEPHONY_CALLBACK_NOT_FOUND', 'not_found', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  /** 404: the tenant has not set up this provider (its webhook secret is not set). */
  telephonyNotConfigured: (adapter: string) =>
    new AppError(
      'CAMPAIGNS_TELEPHONY_NOT_CONFIGURED',
      'not_found',
      `No ${adapter} webhook is configured for this tenant.`,
    ),
  /** 401: the provider's signature (or shared secret) does not verify. */
  telephonyWebhookRefused: (header: string, reason: string) =>
    new AppError('CAMPAIGNS_TELEPHONY_WEBHOOK_REFUSED', 'unauthenticated', `headers.${header} ${reason}`, {
      fields: [{ field: `headers.${header}`, message: reason }],
    }),
  /** 400: a signed payload the adapter cannot read, the field named. */
  telephonyWebhookInvalid: (field: string, message: string) =>
    new AppError('CAMPAIGNS_TELEPHONY_WEBHOOK_INVALID', 'invalid_input', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  // Campaigns (campaigns/).
  campaignNotFound: (field = 'params.campaignId') =>
    new AppError('CAMPAIGNS_CAMPAIGN_NOT_FOUND', 'not_found', `${field}: the campaign was not found.`, {
      fields: [{ field, message: 'is not a campaign of this tenant' }],
    }),
  campaignNameTaken: (name: string) =>
    new AppError(
      'CAMPAIGNS_CAMPAIGN_NAME_TAKEN',
      'conflict',
      `body.name: a campaign named '${name.slice(0, 200)}' exists already.`,
      { fields: [{ field: 'body.name', message: 'is the name of another campaign' }] },
    ),
  /** 409: the campaign's state does not allow what was asked (start a cancelled campaign). */
  campaignState: (state: string, action: string, allowed: readonly string[]) =>
    new AppError(
      'CAMPAIGNS_CAMPAIGN_STATE',
      'conflict',
      `state: the campaign is ${state}; ${action} needs ${allowed.length > 0 ? allowed.join(' or ') : 'another state'}.`,
      {
        fields: [
          {
            field: 'state',
            message: `is ${state}; ${action} needs ${allowed.join(' or ') || 'another state'}`,
          },
        ],
      },
    ),
  /** 400: a campaign body the schema took, but that does not hold together (a list named twice). */
  invalidCampaign: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CAMPAIGNS_INVALID_CAMPAIGN',
      'invalid_input',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      { fields },
    ),
  /** 422: lists named in the body that are not lead lists of this tenant. */
  campaignListsUnknown: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CAMPAIGNS_CAMPAIGN_LIST_UNKNOWN',
      'unprocessable',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      { fields },
    ),
} as const;
