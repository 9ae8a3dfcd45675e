import type { RequestContext } from '../../platform/context.js';

/** A tenant as other modules and the API see it. */
export interface Tenant {
  /** `ten_...` */
  readonly id: string;
  /** The internal UUID, which contexts and `tenant_id` columns carry. */
  readonly uuid: string;
  readonly slug: string;
  readonly name: string;
  /** IANA time zone for local-time reporting and calling hours. */
  readonly timeZone: string;
  readonly createdAt: Date;
}

export interface NewTenant {
  readonly name: string;
  readonly slug: string;
  readonly timeZone?: string;
}

/** Tenant read access for request handling (bound to the caller's tenant by RLS). */
export interface TenantsService {
  current(ctx: RequestContext): Promise<Tenant>;
}

/**
 * Operator-only provisioning, across tenants. Used by the CLI (`switchboard tenants ...`) and
 * tests; never reachable from request handling.
 */
export interface TenantAdmin {
  create(input: NewTenant): Promise<Tenant>;
  list(): Promise<Tenant[]>;
  findBySlugOrId(ref: string): Promise<Tenant | undefined>;
}
