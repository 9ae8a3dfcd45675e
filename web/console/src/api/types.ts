import type { components, paths } from './schema.gen';

/** A named schema of the internal API (`User`, `ApiKey`, ...), as the server sends it. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type Me = paths['/api/v1/auth/me']['get']['responses'][200]['content']['application/json'];
export type User = Schema<'User'>;
export type ApiKey = Schema<'ApiKey'>;
export type IdentityProvider = Schema<'IdentityProvider'>;
export type Tenant = Schema<'Tenant'>;
export type AuditEntry = Schema<'AuditEntry'>;
export type DeadLetter = Schema<'DeadLetter'>;
export type WebhookEndpoint = Schema<'WebhookEndpoint'>;
export type WebhookDelivery = Schema<'WebhookDelivery'>;
export type SecretSummary =
  paths['/api/v1/secrets']['get']['responses'][200]['content']['application/json']['items'][number];
export type AuditVerification =
  paths['/api/v1/audit/verify']['get']['responses'][200]['content']['application/json'];

/** The roles a user can be given, as the server's user routes accept them. */
export type Role = NonNullable<
  paths['/api/v1/users']['post']['requestBody']
>['content']['application/json']['roles'][number];
