import type { JWTPayload } from 'jose';
import { isRole } from '../roles.js';

/** Asymmetric algorithms only: HS* would let anyone holding a public key forge tokens, and `none` is never accepted. */
export const externalAlgorithms = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** How a provider turns a token's claims into a tenant check and Switchboard roles. */
export interface ClaimRules {
  readonly tenantClaim: string | null;
  readonly tenantClaimValue: string | null;
  readonly rolesClaim: string | null;
  readonly roleMapping: Readonly<Record<string, string>>;
  readonly defaultRole: string | null;
}

/** The string values of a claim; dotted paths reach nested claims (Keycloak's realm_access.roles). */
export function claimValues(payload: JWTPayload, claim: string): string[] {
  let value: unknown = payload;
  for (const part of claim.split('.'))
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  if (typeof value === 'string') return value.split(' ');
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Whether the token names the directory this tenant configured (Entra's `tid`), when one is configured. */
export function tenantClaimMatches(rules: ClaimRules, payload: JWTPayload): boolean {
  return !rules.tenantClaim || claimValues(payload, rules.tenantClaim).includes(rules.tenantClaimValue ?? '');
}

/**
 * Roles from the roles claim through the mapping (a value that already is a role name counts as
 * that role), else the default role, else none.
 */
export function mappedRoles(rules: ClaimRules, payload: JWTPayload): string[] {
  const granted = (rules.rolesClaim ? claimValues(payload, rules.rolesClaim) : [])
    .map((value) => rules.roleMapping[value] ?? (isRole(value) ? value : undefined))
    .filter((r): r is string => r !== undefined);
  const unique = [...new Set(granted)];
  return unique.length > 0 ? unique : rules.defaultRole ? [rules.defaultRole] : [];
}
