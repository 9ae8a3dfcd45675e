/** A post-sign-in destination, only if it is a path of this console (never another site). */
export function safeRedirect(target: string | undefined): string {
  if (!target) return '/';
  try {
    const url = new URL(target, window.location.origin);
    if (url.origin !== window.location.origin) return '/';
    if (url.pathname.startsWith('/sign-in') || url.pathname.startsWith('/enrol-mfa')) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
