import { isIP } from 'node:net';

/**
 * Which receiver URLs a tenant may register, and which addresses are never called.
 *
 * SSRF: a webhook makes the installation send requests where a tenant says. https is required
 * (plain http only to localhost, or anywhere when the installation allows it); credentials in the
 * URL are refused (the signature authenticates us); link-local addresses (169.254.0.0/16, where
 * cloud metadata services answer, and fe80::/10) are refused here when written as literals and
 * again at send time after DNS resolution, so a name that resolves there is not called either.
 * Private ranges (10/8, 192.168/16, …) stay allowed: self-hosted installations call their own
 * services. Operators who do not want that put an egress proxy or firewall in front.
 */

export interface EndpointUrlPolicy {
  /** Plain http to hosts other than localhost (SWITCHBOARD_OUTBOUND_WEBHOOKS_ALLOW_HTTP). */
  readonly allowHttp: boolean;
}

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why the URL cannot be a receiver, or undefined when it can. */
export function endpointUrlProblem(value: string, policy: EndpointUrlPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an https URL';
  if (url.protocol === 'http:' && !policy.allowHttp && !localHosts.has(url.hostname))
    return 'must be an https URL (plain http only to localhost)';
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hash) return 'must not have a fragment';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isBlockedAddress(host)) return 'must not point to a link-local or metadata address';
  if (host === 'metadata.google.internal') return 'must not point to a link-local or metadata address';
  return undefined;
}

/** Link-local and unspecified addresses: never called, whatever the URL said. */
export function isBlockedAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number);
    return (a === 169 && b === 254) || a === 0;
  }
  if (isIP(address) === 6) {
    const lower = address.toLowerCase();
    return /^fe[89ab]/.test(lower) || lower === '::' || lower.startsWith('fd00:ec2');
  }
  return false;
}
