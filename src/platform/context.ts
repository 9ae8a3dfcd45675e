/** Who acts: a person (employee or client user), a machine (API key) or the platform itself. */
export type Actor =
  | { readonly type: 'user'; readonly id: string; readonly roles: readonly string[] }
  | { readonly type: 'api_key'; readonly id: string; readonly scopes: readonly string[] }
  | { readonly type: 'system'; readonly id: string };

/**
 * Passed first to every service call. Nothing reads the tenant from a global: it travels here,
 * from the authenticated request (or the event envelope) down to withTenant().
 */
export interface RequestContext {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly requestId: string;
}

export function systemContext(tenantId: string, requestId: string, component = 'platform'): RequestContext {
  return { tenantId, requestId, actor: { type: 'system', id: component } };
}
