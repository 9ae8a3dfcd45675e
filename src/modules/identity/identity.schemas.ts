import { z } from 'zod';
import { problemSchema } from '../../platform/http/index.js';

export const tokenPairSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds until the access token expires'),
    refreshToken: z
      .string()
      .optional()
      .describe('Rotates on every use; absent while a second factor must be enrolled'),
    mfaEnrollmentRequired: z.boolean(),
  })
  .meta({ id: 'TokenPair' });

export const userSchema = z
  .object({
    id: z.string().describe('usr_...'),
    email: z.string(),
    displayName: z.string().nullable(),
    kind: z.enum(['employee', 'client']),
    roles: z.array(z.string()),
    status: z.enum(['active', 'disabled', 'unverified']),
    mfaEnabled: z.boolean(),
    lockedUntil: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const apiKeySchema = z
  .object({
    id: z.string().describe('key_...'),
    name: z.string(),
    scopes: z.array(z.string()),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const identityProviderSchema = z
  .object({
    id: z.string().describe('idp_...'),
    name: z.string(),
    surface: z.enum(['internal', 'external']),
    issuer: z.string(),
    audience: z.string(),
    clientId: z.string().nullable(),
    tenantClaim: z.string().nullable(),
    tenantClaimValue: z.string().nullable(),
    rolesClaim: z.string().nullable(),
    roleMapping: z.record(z.string(), z.string()),
    defaultRole: z.string().nullable(),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'IdentityProvider' });

/** The error answers every authenticated route can give. */
export const authProblems = { 401: problemSchema, 403: problemSchema, 429: problemSchema } as const;

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
