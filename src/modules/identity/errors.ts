import { AppError } from '../../platform/errors.js';

export const IdentityErrors = {
  tenantNotFound: () => new AppError('IDENTITY_TENANT_NOT_FOUND', 'not_found', 'The tenant was not found.'),
  slugTaken: (slug: string) =>
    new AppError('IDENTITY_TENANT_SLUG_TAKEN', 'conflict', `A tenant with the slug '${slug}' already exists.`, {
      fields: [{ field: 'slug', message: 'is already taken' }],
    }),
  invalidTimeZone: (zone: string) =>
    new AppError('IDENTITY_INVALID_TIME_ZONE', 'invalid_input', `'${zone}' is not an IANA time zone.`, {
      fields: [{ field: 'timeZone', message: 'must be an IANA time zone such as Europe/Berlin' }],
    }),
  invalidCredentials: () =>
    new AppError('IDENTITY_INVALID_CREDENTIALS', 'unauthenticated', 'The tenant, e-mail address or password is not right.'),
  accountLocked: (retryAfterSeconds: number) =>
    new AppError('IDENTITY_ACCOUNT_LOCKED', 'unauthenticated', 'Too many failed sign-ins: the account is locked for a while.', {
      retryAfterSeconds,
    }),
  mfaRequired: () =>
    new AppError('IDENTITY_MFA_REQUIRED', 'unauthenticated', 'Enter the code from your authenticator app.', {
      fields: [{ field: 'totp', message: 'is required for this account' }],
    }),
  mfaInvalid: () =>
    new AppError('IDENTITY_MFA_INVALID', 'unauthenticated', 'The authenticator code is not right.', {
      fields: [{ field: 'totp', message: 'is not a current code' }],
    }),
  mfaNotStarted: () => new AppError('IDENTITY_MFA_NOT_STARTED', 'conflict', 'Start TOTP enrolment before confirming it.'),
  invalidRefreshToken: () => new AppError('IDENTITY_INVALID_REFRESH_TOKEN', 'unauthenticated', 'The refresh token is not valid.'),
  invalidToken: (why: string) => new AppError('IDENTITY_INVALID_TOKEN', 'unauthenticated', `The access token is not valid: ${why}.`),
  wrongSurface: () =>
    new AppError('IDENTITY_WRONG_AUDIENCE', 'unauthenticated', 'This token is for the other API surface (internal vs external).'),
  invalidApiKey: () => new AppError('IDENTITY_INVALID_API_KEY', 'unauthenticated', 'The API key is not valid, expired or revoked.'),
  userNotFound: () => new AppError('IDENTITY_USER_NOT_FOUND', 'not_found', 'The user was not found.'),
  emailTaken: () =>
    new AppError('IDENTITY_EMAIL_TAKEN', 'conflict', 'A user with this e-mail address already exists.', {
      fields: [{ field: 'email', message: 'is already taken' }],
    }),
  invalidRoles: (field: string, detail: string) =>
    new AppError('IDENTITY_INVALID_ROLES', 'invalid_input', detail, { fields: [{ field, message: detail }] }),
  weakPassword: (minLength: number) =>
    new AppError('IDENTITY_WEAK_PASSWORD', 'invalid_input', `The password must have at least ${minLength} characters.`, {
      fields: [{ field: 'password', message: `must have at least ${minLength} characters` }],
    }),
  lastOwner: () =>
    new AppError('IDENTITY_LAST_OWNER', 'conflict', 'A tenant keeps at least one active owner.', {
      fields: [{ field: 'roles', message: 'would remove the last owner' }],
    }),
  apiKeyNotFound: () => new AppError('IDENTITY_API_KEY_NOT_FOUND', 'not_found', 'The API key was not found.'),
  invalidScopes: (detail: string) =>
    new AppError('IDENTITY_INVALID_SCOPES', 'invalid_input', detail, { fields: [{ field: 'scopes', message: detail }] }),
  providerNotFound: () => new AppError('IDENTITY_PROVIDER_NOT_FOUND', 'not_found', 'The identity provider was not found.'),
  providerExists: () =>
    new AppError('IDENTITY_PROVIDER_EXISTS', 'conflict', 'This issuer is already configured for that surface.', {
      fields: [{ field: 'issuer', message: 'is already configured' }],
    }),
} as const;
