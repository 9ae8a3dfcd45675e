import { AppError } from '../../platform/errors.js';

export const IdentityErrors = {
  tenantNotFound: () => new AppError('IDENTITY_TENANT_NOT_FOUND', 'not_found', 'The tenant was not found.'),
  slugTaken: (slug: string) =>
    new AppError(
      'IDENTITY_TENANT_SLUG_TAKEN',
      'conflict',
      `A tenant with the slug '${slug}' already exists.`,
      {
        fields: [{ field: 'slug', message: 'is already taken' }],
      },
    ),
  invalidTimeZone: (zone: string) =>
    new AppError('IDENTITY_INVALID_TIME_ZONE', 'invalid_input', `'${zone}' is not an IANA time zone.`, {
      fields: [{ field: 'timeZone', message: 'must be an IANA time zone such as Europe/Berlin' }],
    }),
  invalidCredentials: () =>
    new AppError(
      'IDENTITY_INVALID_CREDENTIALS',
      'unauthenticated',
      'The tenant, e-mail address or password is not right.',
    ),
  accountLocked: (retryAfterSeconds: number) =>
    new AppError(
      'IDENTITY_ACCOUNT_LOCKED',
      'unauthenticated',
      'Too many failed sign-ins: the account is locked for a while.',
      {
        retryAfterSeconds,
      },
    ),
  mfaRequired: () =>
    new AppError('IDENTITY_MFA_REQUIRED', 'unauthenticated', 'Enter the code from your authenticator app.', {
      fields: [{ field: 'totp', message: 'is required for this account' }],
    }),
  mfaInvalid: () =>
    new AppError('IDENTITY_MFA_INVALID', 'unauthenticated', 'The authenticator code is not right.', {
      fields: [{ field: 'totp', message: 'is not a current code' }],
    }),
  mfaNotStarted: () =>
    new AppError('IDENTITY_MFA_NOT_STARTED', 'conflict', 'Start TOTP enrolment before confirming it.'),
  invalidRefreshToken: () =>
    new AppError('IDENTITY_INVALID_REFRESH_TOKEN', 'unauthenticated', 'The refresh token is not valid.'),
  invalidToken: (why: string) =>
    new AppError('IDENTITY_INVALID_TOKEN', 'unauthenticated', `The access token is not valid: ${why}.`),
  wrongSurface: () =>
    new AppError(
      'IDENTITY_WRONG_AUDIENCE',
      'unauthenticated',
      'This token is for the other API surface (internal vs external).',
    ),
  invalidApiKey: () =>
    new AppError(
      'IDENTITY_INVALID_API_KEY',
      'unauthenticated',
      'The API key is not valid, expired or revoked.',
    ),
  emailUnverified: () =>
    new AppError(
      'IDENTITY_EMAIL_UNVERIFIED',
      'forbidden',
      'Confirm your e-mail address first: open the link we sent you.',
    ),
  verificationInvalid: () =>
    new AppError(
      'IDENTITY_VERIFICATION_INVALID',
      'invalid_input',
      'This verification link is invalid, used or expired.',
      { fields: [{ field: 'token', message: 'is not a current verification token' }] },
    ),
  alreadyVerified: () =>
    new AppError('IDENTITY_ALREADY_VERIFIED', 'conflict', 'This account needs no e-mail verification.'),
  userNotFound: () => new AppError('IDENTITY_USER_NOT_FOUND', 'not_found', 'The user was not found.'),
  emailTaken: () =>
    new AppError('IDENTITY_EMAIL_TAKEN', 'conflict', 'A user with this e-mail address already exists.', {
      fields: [{ field: 'email', message: 'is already taken' }],
    }),
  invalidRoles: (field: string, detail: string) =>
    new AppError('IDENTITY_INVALID_ROLES', 'invalid_input', detail, { fields: [{ field, message: detail }] }),
  weakPassword: (minLength: number) =>
    new AppError(
      'IDENTITY_WEAK_PASSWORD',
      'invalid_input',
      `The password must have at least ${minLength} characters.`,
      {
        fields: [{ field: 'password', message: `must have at least ${minLength} characters` }],
      },
    ),
  lastOwner: () =>
    new AppError('IDENTITY_LAST_OWNER', 'conflict', 'A tenant keeps at least one active owner.', {
      fields: [{ field: 'roles', message: 'would remove the last owner' }],
    }),
  viewNotFound: () => new AppError('IDENTITY_VIEW_NOT_FOUND', 'not_found', 'The saved view was not found.'),
  viewNameTaken: () =>
    new AppError(
      'IDENTITY_VIEW_NAME_TAKEN',
      'conflict',
      'You already have a view of this list with this name.',
      {
        fields: [{ field: 'name', message: 'is already the name of one of your views of this list' }],
      },
    ),
  viewsNeedUser: () =>
    new AppError(
      'IDENTITY_VIEWS_NEED_USER',
      'forbidden',
      'Saved views belong to people: sign in as a user to keep them.',
    ),
  apiKeyNotFound: () => new AppError('IDENTITY_API_KEY_NOT_FOUND', 'not_found', 'The API key was not found.'),
  invalidScopes: (detail: string) =>
    new AppError('IDENTITY_INVALID_SCOPES', 'invalid_input', detail, {
      fields: [{ field: 'scopes', message: detail }],
    }),
  providerNotFound: () =>
    new AppError('IDENTITY_PROVIDER_NOT_FOUND', 'not_found', 'The identity provider was not found.'),
  providerExists: () =>
    new AppError(
      'IDENTITY_PROVIDER_EXISTS',
      'conflict',
      'This issuer is already configured for that surface.',
      {
        fields: [{ field: 'issuer', message: 'is already configured' }],
      },
    ),
  // Sign-in through a tenant's OIDC provider (authorisation code + PKCE, exchanged by the server).
  providerUnreachable: (issuer: string) =>
    new AppError(
      'IDENTITY_PROVIDER_UNREACHABLE',
      'unavailable',
      `The identity provider ${issuer} did not answer.`,
    ),
  providerMisconfigured: (issuer: string, why: string) =>
    new AppError(
      'IDENTITY_PROVIDER_MISCONFIGURED',
      'unavailable',
      `The identity provider ${issuer} cannot be used for sign-in: ${why}.`,
    ),
  /** A bearer token's issuer publishes no discovery document its keys can be found from. */
  providerDiscoveryUnusable: (issuer: string) =>
    new AppError(
      'IDENTITY_PROVIDER_MISCONFIGURED',
      'unavailable',
      `The identity provider ${issuer} has no usable discovery document.`,
    ),
  signInProviderNotFound: () =>
    new AppError(
      'IDENTITY_PROVIDER_NOT_FOUND',
      'not_found',
      'This sign-in option does not exist or is turned off.',
      {
        fields: [{ field: 'providerId', message: 'is not a sign-in option of this organisation' }],
      },
    ),
  oidcRedirectUri: (expected: string) =>
    new AppError('IDENTITY_OIDC_REDIRECT_URI', 'invalid_input', `The redirect URI must be ${expected}.`, {
      fields: [{ field: 'redirectUri', message: `must be ${expected}` }],
    }),
  oidcCodeRejected: (error: string) =>
    new AppError(
      'IDENTITY_OIDC_CODE_REJECTED',
      'unauthenticated',
      `The identity provider did not accept the sign-in code (${error}); start again.`,
      {
        fields: [{ field: 'code', message: `was refused by the identity provider: ${error}` }],
      },
    ),
  oidcInvalidIdToken: (why: string, field?: string) =>
    new AppError(
      'IDENTITY_OIDC_INVALID_ID_TOKEN',
      'unauthenticated',
      `The identity provider's ID token is not acceptable: ${why}.`,
      {
        ...(field ? { fields: [{ field, message: why }] } : {}),
      },
    ),
  oidcWrongTenant: (claim: string) =>
    new AppError(
      'IDENTITY_OIDC_WRONG_TENANT',
      'forbidden',
      `This account belongs to another organisation at the identity provider (claim '${claim}').`,
    ),
  oidcNoRole: () =>
    new AppError(
      'IDENTITY_OIDC_NO_ROLE',
      'forbidden',
      'The identity provider gives this account no Switchboard role, so no account was created. Ask an administrator.',
    ),
  oidcEmailMissing: () =>
    new AppError(
      'IDENTITY_OIDC_EMAIL_MISSING',
      'forbidden',
      'The identity provider did not share an e-mail address, which a new account needs (scope email).',
    ),
  oidcEmailUnverified: () =>
    new AppError(
      'IDENTITY_OIDC_EMAIL_UNVERIFIED',
      'forbidden',
      'An account with this e-mail address exists, but the identity provider has not verified the address, so it is not linked.',
    ),
  oidcAlreadyLinked: () =>
    new AppError(
      'IDENTITY_OIDC_ALREADY_LINKED',
      'conflict',
      'The account with this e-mail address is already linked to another account at this identity provider.',
    ),
  oidcNotEmployee: () =>
    new AppError(
      'IDENTITY_OIDC_NOT_EMPLOYEE',
      'forbidden',
      'The account with this e-mail address is a client account; it cannot sign in to the console.',
    ),
  oidcNotClient: () =>
    new AppError(
      'IDENTITY_OIDC_NOT_CLIENT',
      'forbidden',
      'The account with this e-mail address is an employee account; it cannot sign in to the portal.',
    ),
  oidcAccountDisabled: () =>
    new AppError('IDENTITY_OIDC_ACCOUNT_DISABLED', 'forbidden', 'This Switchboard account is disabled.'),
  oidcMfaRequired: () =>
    new AppError(
      'IDENTITY_OIDC_MFA_REQUIRED',
      'forbidden',
      'This organisation requires owners and administrators to use a second factor, and the identity provider did not report one (amr).',
    ),
} as const;
