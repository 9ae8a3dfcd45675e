import { AppError, PlatformErrors, type FieldProblem } from '../../platform/errors.js';

/** Every CUSTOMERS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const CustomersErrors = {
  customerNotFound: () =>
    new AppError('CUSTOMERS_CUSTOMER_NOT_FOUND', 'not_found', 'The customer was not found.'),
  addressNotFound: () =>
    new AppError('CUSTOMERS_ADDRESS_NOT_FOUND', 'not_found', 'The address was not found.'),
  segmentNotFound: () =>
    new AppError('CUSTOMERS_SEGMENT_NOT_FOUND', 'not_found', 'The segment was not found.'),
  segmentNameTaken: () =>
    new AppError('CUSTOMERS_SEGMENT_NAME_TAKEN', 'conflict', 'A segment with this name exists.', {
      fields: [{ field: 'body.name', message: 'is taken' }],
    }),
  /** 412: If-Match named a version that is no longer the current one. */
  versionMismatch: (current: number) =>
    new AppError(
      'CUSTOMERS_VERSION_MISMATCH',
      'precondition_failed',
      `The customer changed since you read it (now version ${String(current)}); read it again.`,
      { fields: [{ field: 'headers.if-match', message: `is not the current version "${String(current)}"` }] },
    ),
  /** 409: the version in the body is stale, or another writer changed the row in between. */
  concurrentChange: () =>
    new AppError(
      'CUSTOMERS_CONCURRENT_CHANGE',
      'conflict',
      'The customer was changed by someone else; read it again.',
      { fields: [{ field: 'body.version', message: 'is not the current version' }] },
    ),
  /** 409: an anonymised profile keeps no personal data and takes none. */
  anonymised: () =>
    new AppError(
      'CUSTOMERS_CUSTOMER_ANONYMISED',
      'conflict',
      'The customer was anonymised; a new profile must be created.',
    ),
  /** The signed-in actor is not a client user (the portal's /me routes). */
  notAClient: () =>
    new AppError('CUSTOMERS_NOT_A_CLIENT', 'forbidden', 'Only a signed-in client has a profile here.'),
  /** The client's account is disabled (closed, or erased by a data-subject request): no profile is made for it. */
  accountDisabled: () =>
    new AppError('CUSTOMERS_ACCOUNT_DISABLED', 'forbidden', 'This account is closed; it has no profile.'),
  invalid: (fields: readonly FieldProblem[]) => PlatformErrors.validation(fields),
} as const;
