import type { RouteMount } from './http/index.js';

/**
 * What a module gives the composition root. Built by `createXModule(deps)` from plain
 * dependencies; the root registers routes, and later event handlers and jobs, from it.
 */
export interface PlatformModule {
  readonly name: string;
  /** Internal API routes, mounted under /api/v1 + prefix. */
  readonly routes: readonly RouteMount[];
}
