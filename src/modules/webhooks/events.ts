/**
 * The webhooks module publishes no events on the bus. It sends one type of its own to receivers:
 * the ping of `POST /webhooks/endpoints/{id}/test`, so a tenant can check its verifier.
 */
export const webhookPingType = 'webhooks.ping.v1';
