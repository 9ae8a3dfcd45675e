/** The organisation last signed in to, so the sign-in page can fill it in next time. */
const lastTenantKey = 'switchboard.lastTenant';

export function rememberedTenant(): string | undefined {
  try {
    return window.localStorage.getItem(lastTenantKey) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberTenant(tenant: string): void {
  try {
    window.localStorage.setItem(lastTenantKey, tenant);
  } catch {
    // Private mode without storage: the tenant just is not remembered.
  }
}
