import type { AsyncRouteComponent } from '@tanstack/react-router';
import { ForbiddenView } from './Forbidden';
import type { ConsolePermission } from './permissions';
import { useCan } from './session';

/**
 * A page only roles with `permission` get; others see why not (the API refuses them anyway).
 * Being refused is not an error, so it does not go through the error boundary.
 */
export function gated(permission: ConsolePermission, Page: AsyncRouteComponent<object>) {
  function PermittedPage() {
    return useCan(permission) ? <Page /> : <ForbiddenView />;
  }
  return Object.assign(PermittedPage, { preload: Page.preload });
}
