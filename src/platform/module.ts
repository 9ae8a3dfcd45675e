import type { RouteMount } from './http/index.js';
import type { ModuleJobs } from './jobs/index.js';

/**
 * What a module gives the composition root. Built by `createXModule(deps)` from plain
 * dependencies; the root mounts its routes and hands its event handlers and jobs (timers,
 * object-created triggers) to the worker runtime.
 */
export interface PlatformModule extends ModuleJobs {
  readonly name: string;
  /** Internal API routes, mounted under /api/v1 + prefix. */
  readonly routes: readonly RouteMount[];
}
