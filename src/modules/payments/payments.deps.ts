import type { ModuleDeps } from '../../platform/module.js';

export interface PaymentsSettings {
  readonly publicUrl: string;
}

/** What the payments feature is created with: the kernel's services and the module's settings. */
export type PaymentsDeps = ModuleDeps<PaymentsSettings, readonly []>;
