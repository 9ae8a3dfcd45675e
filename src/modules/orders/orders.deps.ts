import type { ModuleDeps } from '../../platform/module.js';
import { catalogModule } from '../catalog/index.js';
import { paymentsModule } from '../payments/index.js';

export interface OrdersSettings {
  readonly publicUrl: string;
  /** SWITCHBOARD_SIMULATOR_SPEED: the shipping simulator's transit times are divided by it. */
  readonly simulatorSpeed?: number | undefined;
}

/** The modules orders uses: the catalog (products, inventory) and payments. */
export const needs = [catalogModule, paymentsModule] as const;

/** What each feature of orders is created with: the kernel's services, the settings, catalog's and payments' apis. */
export type OrdersDeps = ModuleDeps<OrdersSettings, typeof needs>;
