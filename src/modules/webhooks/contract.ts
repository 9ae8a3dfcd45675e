import type { RequestContext } from '../../platform/context.js';

export type DeliveryState = 'pending' | 'succeeded' | 'failed' | 'dead';

/** A tenant's receiver, as the API shows it (never its secret, but on create and rotate). */
export interface WebhookEndpoint {
  /** `whep_...` */
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly eventTypes: readonly string[];
  readonly enabled: boolean;
  readonly secretRotatedAt: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Returned once, when the secret is made: the receiver verifies signatures with it. */
export interface WebhookEndpointWithSecret extends WebhookEndpoint {
  /** `whsec_` + base64 of 32 bytes (Standard Webhooks). */
  readonly secret: string;
}

export interface WebhookDelivery {
  /** `whdl_...` */
  readonly id: string;
  readonly endpointId: string;
  /** The event's id, also the `webhook-id` header: receivers de-duplicate on it. */
  readonly eventId: string;
  readonly eventType: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly lastResponseMs: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewWebhookEndpoint {
  readonly url: string;
  readonly description?: string | undefined;
  readonly eventTypes: readonly string[];
  readonly enabled?: boolean | undefined;
}

export type WebhookEndpointPatch = Partial<NewWebhookEndpoint>;

export interface WebhookEndpointsService {
  create(ctx: RequestContext, input: NewWebhookEndpoint): Promise<WebhookEndpointWithSecret>;
  list(ctx: RequestContext): Promise<WebhookEndpoint[]>;
  get(ctx: RequestContext, endpointId: string): Promise<WebhookEndpoint>;
  update(ctx: RequestContext, endpointId: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint>;
  remove(ctx: RequestContext, endpointId: string): Promise<void>;
  rotateSecret(ctx: RequestContext, endpointId: string): Promise<WebhookEndpointWithSecret>;
}

export interface WebhookDeliveriesService {
  /** Sends a `webhooks.ping.v1` to the endpoint now and returns how that went. */
  ping(ctx: RequestContext, endpointId: string): Promise<WebhookDelivery>;
  list(ctx: RequestContext, endpointId: string, limit: number): Promise<WebhookDelivery[]>;
  /** Starts the delivery over: pending, no attempts, due now. */
  redeliver(ctx: RequestContext, deliveryId: string): Promise<WebhookDelivery>;
  /** Attempts the deliveries due at `at`, across tenants (the sender timer; tests pass a later `at`). */
  sendDue(at?: Date, limit?: number): Promise<{ sent: number }>;
  /** Removes events whose deliveries settled more than `keepDays` before `at`, with their log (the prune timer). */
  prune(at: Date, keepDays: number): Promise<{ removed: number }>;
}
