import type { ModuleDeps } from '../../platform/module.js';
import { identityModule } from '../identity/index.js';
import { ordersModule } from '../orders/index.js';

/** The modules customers uses: identity (the client's account for /ext/v1/me) and orders (segment facts). */
export const needs = [identityModule, ordersModule] as const;

export type CustomersDeps = ModuleDeps<undefined, typeof needs>;
