import type { ModuleDeps } from '../../platform/module.js';

export interface CatalogSettings {
  readonly publicUrl: string;
}

/** What each feature of the catalog is created with: the kernel's services and the catalog's settings. */
export type CatalogDeps = ModuleDeps<CatalogSettings, readonly []>;
