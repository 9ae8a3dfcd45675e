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
} as const;
