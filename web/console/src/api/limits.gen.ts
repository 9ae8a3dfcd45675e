// Generated from the platform's internal OpenAPI document (/openapi.json) by
// `npm run api-types:generate`. Do not edit: a test fails when it drifts from the server.

/** What the server's schema allows for one field: string lengths, array sizes, number bounds. */
export interface FieldLimits {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  /** For a map (an object of any keys): the longest key. */
  readonly keyMaxLength?: number;
}

/** The request fields of each operation ("METHOD /path") that declare a limit. */
export const apiLimits = {
  'DELETE /api/v1/calls/queue-targets/queues/{queueId}': {
    'queueId': { minLength: 1, maxLength: 256 },
  },
  'DELETE /api/v1/campaigns/campaigns/{campaignId}': {
    'campaignId': { maxLength: 100 },
  },
  'DELETE /api/v1/campaigns/column-mappings/{mappingId}': {
    'mappingId': { maxLength: 100 },
  },
  'DELETE /api/v1/campaigns/dnc/{entryId}': {
    'entryId': { maxLength: 100 },
    'reason': { minLength: 1, maxLength: 500 },
  },
  'DELETE /api/v1/campaigns/lists/{listId}': {
    'listId': { maxLength: 100 },
  },
  'DELETE /api/v1/catalog/categories/{categoryId}': {
    'categoryId': { maxLength: 100 },
  },
  'DELETE /api/v1/catalog/products/{productId}': {
    'productId': { maxLength: 100 },
  },
  'DELETE /api/v1/catalog/products/{productId}/images/{imageId}': {
    'imageId': { maxLength: 100 },
    'productId': { maxLength: 100 },
  },
  'DELETE /api/v1/conversations/sources/{sourceId}': {
    'sourceId': { maxLength: 64 },
  },
  'DELETE /api/v1/customer-segments/{segmentId}': {
    'segmentId': { maxLength: 100 },
  },
  'DELETE /api/v1/customers/{customerId}/addresses/{addressId}': {
    'addressId': { maxLength: 100 },
    'customerId': { maxLength: 100 },
  },
  'DELETE /api/v1/notification-templates/{templateId}': {
    'templateId': { maxLength: 100 },
  },
  'DELETE /api/v1/orders/{orderId}': {
    'orderId': { maxLength: 100 },
    'reason': { minLength: 1, maxLength: 500 },
  },
  'DELETE /api/v1/orders/discounts/{code}': {
    'code': { maxLength: 40 },
  },
  'DELETE /api/v1/orders/views/{viewId}': {
    'viewId': { maxLength: 100 },
  },
  'DELETE /api/v1/secrets/{name}': {
    'name': { minLength: 1, maxLength: 100 },
  },
  'DELETE /api/v1/views/{viewId}': {
    'viewId': { maxLength: 64 },
  },
  'DELETE /api/v1/webhooks/endpoints/{endpointId}': {
    'endpointId': { maxLength: 100 },
  },
  'GET /api/v1/audit': {
    'action': { maxLength: 200 },
    'actor': { minLength: 1, maxLength: 200 },
    'limit': { minimum: 1, maximum: 500 },
  },
  'GET /api/v1/auth/providers': {
    'tenant': { minLength: 1, maxLength: 63 },
  },
  'GET /api/v1/bus/dead-letters': {
    'group': { maxLength: 63 },
    'limit': { minimum: 1, maximum: 500 },
    'type': { maxLength: 200 },
  },
  'GET /api/v1/calls': {
    'agent': { minLength: 1, maxLength: 256 },
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 200 },
    'minDuration': { minimum: 0, maximum: 604800 },
    'number': { minLength: 1, maxLength: 256 },
    'q': { maxLength: 256 },
    'queue': { minLength: 1, maxLength: 256 },
  },
  'GET /api/v1/calls/{callId}': {
    'callId': { maxLength: 64 },
  },
  'GET /api/v1/calls/{callId}/raw': {
    'callId': { maxLength: 64 },
  },
  'GET /api/v1/calls/{callId}/raw/signed': {
    'callId': { maxLength: 64 },
    'expires': { maxLength: 16 },
    'sig': { maxLength: 128 },
    'tenant': { maxLength: 64 },
  },
  'GET /api/v1/calls/{callId}/recordings': {
    'callId': { maxLength: 64 },
  },
  'GET /api/v1/calls/{callId}/vcon': {
    'callId': { maxLength: 64 },
  },
  'GET /api/v1/calls/export': {
    'agent': { minLength: 1, maxLength: 256 },
    'minDuration': { minimum: 0, maximum: 604800 },
    'number': { minLength: 1, maxLength: 256 },
    'q': { maxLength: 256 },
    'queue': { minLength: 1, maxLength: 256 },
  },
  'GET /api/v1/calls/exports': {
    'before': { maxLength: 64 },
    'limit': { minimum: 1, maximum: 100 },
  },
  'GET /api/v1/calls/exports/{exportId}': {
    'exportId': { maxLength: 64 },
  },
  'GET /api/v1/calls/quarantine': {
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 200 },
    'source': { minLength: 1, maxLength: 64 },
  },
  'GET /api/v1/calls/quarantine/{quarantineId}': {
    'quarantineId': { maxLength: 64 },
  },
  'GET /api/v1/calls/quarantine/{quarantineId}/raw': {
    'quarantineId': { maxLength: 64 },
  },
  'GET /api/v1/calls/quarantine/summary': {
    'source': { minLength: 1, maxLength: 64 },
  },
  'GET /api/v1/calls/stats': {
    'agent': { minLength: 1, maxLength: 256 },
    'minDuration': { minimum: 0, maximum: 604800 },
    'number': { minLength: 1, maxLength: 256 },
    'q': { maxLength: 256 },
    'queue': { minLength: 1, maxLength: 256 },
  },
  'GET /api/v1/campaigns/campaigns/{campaignId}': {
    'campaignId': { maxLength: 100 },
  },
  'GET /api/v1/campaigns/campaigns/{campaignId}/attempts': {
    'campaignId': { maxLength: 100 },
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 500 },
  },
  'GET /api/v1/campaigns/campaigns/{campaignId}/dry-run': {
    'campaignId': { maxLength: 100 },
    'limit': { minimum: 1, maximum: 1000 },
  },
  'GET /api/v1/campaigns/campaigns/{campaignId}/live': {
    'campaignId': { maxLength: 100 },
  },
  'GET /api/v1/campaigns/campaigns/{campaignId}/results.csv': {
    'campaignId': { maxLength: 100 },
  },
  'GET /api/v1/campaigns/campaigns/{campaignId}/stats': {
    'campaignId': { maxLength: 100 },
  },
  'GET /api/v1/campaigns/column-mappings/{mappingId}': {
    'mappingId': { maxLength: 100 },
  },
  'GET /api/v1/campaigns/consents': {
    'phone': { minLength: 3, maxLength: 64 },
  },
  'GET /api/v1/campaigns/dnc': {
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 500 },
  },
  'GET /api/v1/campaigns/dnc/check': {
    'number': { minLength: 3, maxLength: 64 },
  },
  'GET /api/v1/campaigns/leads': {
    'cursor': { maxLength: 200 },
    'email': { minLength: 3, maxLength: 254 },
    'limit': { minimum: 1, maximum: 500 },
    'listId': { maxLength: 100 },
    'phone': { minLength: 1, maxLength: 64 },
  },
  'GET /api/v1/campaigns/leads/{leadId}': {
    'leadId': { maxLength: 100 },
  },
  'GET /api/v1/campaigns/leads/export': {
    'listId': { maxLength: 100 },
  },
  'GET /api/v1/campaigns/leads/imports/{importId}': {
    'importId': { maxLength: 100 },
    'limit': { minimum: 1, maximum: 1000 },
    'rejectionsAfter': { minimum: 0 },
  },
  'GET /api/v1/campaigns/lists/{listId}': {
    'listId': { maxLength: 100 },
  },
  'GET /api/v1/catalog/erp/syncs': {
    'limit': { minimum: 1, maximum: 200 },
  },
  'GET /api/v1/catalog/erp/syncs/{id}': {
    'id': { maxLength: 100 },
  },
  'GET /api/v1/catalog/inventory': {
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 200 },
    'locationId': { maxLength: 100 },
    'productId': { maxLength: 100 },
  },
  'GET /api/v1/catalog/products': {
    'categoryId': { maxLength: 100 },
    'cursor': { maxLength: 2000 },
    'limit': { minimum: 1, maximum: 200 },
    'priceMax': { minimum: 0 },
    'priceMin': { minimum: 0 },
    'q': { maxLength: 200 },
  },
  'GET /api/v1/catalog/products/{productId}': {
    'productId': { maxLength: 100 },
  },
  'GET /api/v1/catalog/products/{productId}/images/{imageId}': {
    'imageId': { maxLength: 100 },
    'productId': { maxLength: 100 },
  },
  'GET /api/v1/catalog/products/imports/{importId}': {
    'importId': { maxLength: 100 },
  },
  'GET /api/v1/conversations': {
    'agent': { minLength: 1, maxLength: 256 },
    'agentSaid': { minLength: 1, maxLength: 512 },
    'category': { maxLength: 2000 },
    'cursor': { maxLength: 200 },
    'customerSaid': { minLength: 1, maxLength: 512 },
    'customerSentiment': { maxLength: 200 },
    'grade': { maxLength: 200 },
    'intent': { maxLength: 2000 },
    'limit': { minimum: 1, maximum: 100 },
    'q': { minLength: 1, maxLength: 512 },
    'qaScoreMax': { minimum: 0, maximum: 100 },
    'qaScoreMin': { minimum: 0, maximum: 100 },
    'queue': { minLength: 1, maxLength: 256 },
    'sentiment': { maxLength: 200 },
    'sentimentMax': { minimum: -1, maximum: 1 },
    'sentimentMin': { minimum: -1, maximum: 1 },
    'topic': { maxLength: 2000 },
  },
  'GET /api/v1/conversations/agents/{agent}/scorecard': {
    'agent': { minLength: 1, maxLength: 200 },
    'queue': { minLength: 1, maxLength: 256 },
    'team': { minLength: 1, maxLength: 256 },
  },
  'GET /api/v1/conversations/agents/{agent}/scorecard/export': {
    'agent': { minLength: 1, maxLength: 200 },
    'queue': { minLength: 1, maxLength: 256 },
    'team': { minLength: 1, maxLength: 256 },
  },
  'GET /api/v1/conversations/categories/{id}': {
    'id': { minLength: 1, maxLength: 120 },
    'version': { minimum: 1, maximum: 1000000 },
  },
  'GET /api/v1/conversations/categories/{id}/versions': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'GET /api/v1/conversations/dashboard': {
    'interruptions': { minimum: 1, maximum: 10000 },
    'queue': { minLength: 1, maxLength: 256 },
    'silenceMs': { minimum: 1000, maximum: 3600000 },
    'team': { minLength: 1, maxLength: 256 },
  },
  'GET /api/v1/conversations/dashboard/export': {
    'interruptions': { minimum: 1, maximum: 10000 },
    'queue': { minLength: 1, maxLength: 256 },
    'silenceMs': { minimum: 1000, maximum: 3600000 },
    'team': { minLength: 1, maxLength: 256 },
  },
  'GET /api/v1/conversations/disputes': {
    'cursor': { minLength: 1, maxLength: 120 },
    'limit': { minimum: 1, maximum: 200 },
  },
  'GET /api/v1/conversations/insight-schemas/{id}': {
    'id': { minLength: 1, maxLength: 120 },
    'version': { minimum: 1, maximum: 1000000 },
  },
  'GET /api/v1/conversations/insight-schemas/{id}/versions': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'GET /api/v1/conversations/rescore': {
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 100 },
  },
  'GET /api/v1/conversations/rescore/{jobId}': {
    'jobId': { minLength: 1, maxLength: 120 },
  },
  'GET /api/v1/conversations/scorecards/{id}': {
    'id': { minLength: 1, maxLength: 120 },
    'version': { minimum: 1, maximum: 1000000 },
  },
  'GET /api/v1/conversations/scorecards/{id}/versions': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'GET /api/v1/conversations/sources/{sourceId}': {
    'sourceId': { maxLength: 64 },
  },
  'GET /api/v1/conversations/sources/{sourceId}/runs': {
    'limit': { minimum: 1, maximum: 200 },
    'sourceId': { maxLength: 64 },
  },
  'GET /api/v1/customer-segments/{segmentId}': {
    'segmentId': { maxLength: 100 },
  },
  'GET /api/v1/customer-segments/{segmentId}/members': {
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 200 },
    'segmentId': { maxLength: 100 },
  },
  'GET /api/v1/customers': {
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 200 },
    'q': { maxLength: 200 },
  },
  'GET /api/v1/customers/{customerId}': {
    'customerId': { maxLength: 100 },
  },
  'GET /api/v1/customers/{customerId}/addresses': {
    'customerId': { maxLength: 100 },
  },
  'GET /api/v1/customers/{customerId}/consents': {
    'customerId': { maxLength: 100 },
  },
  'GET /api/v1/customers/{customerId}/preferences': {
    'customerId': { maxLength: 100 },
  },
  'GET /api/v1/customers/{customerId}/timeline': {
    'before': { maxLength: 400 },
    'customerId': { maxLength: 100 },
    'limit': { minimum: 1, maximum: 200 },
  },
  'GET /api/v1/metering/report.csv': {
    'from': { maxLength: 10 },
    'to': { maxLength: 10 },
  },
  'GET /api/v1/metering/usage': {
    'from': { maxLength: 10 },
    'to': { maxLength: 10 },
  },
  'GET /api/v1/notification-templates/{templateId}': {
    'templateId': { maxLength: 100 },
  },
  'GET /api/v1/notifications': {
    'cursor': { maxLength: 100 },
    'limit': { minimum: 1, maximum: 100 },
  },
  'GET /api/v1/notifications/{notificationId}/deliveries': {
    'notificationId': { maxLength: 100 },
  },
  'GET /api/v1/notifications/socket': {
    'lastEventId': { maxLength: 100 },
    'ticket': { maxLength: 200 },
  },
  'GET /api/v1/orders': {
    'cursor': { maxLength: 300 },
    'customerId': { maxLength: 100 },
    'email': { maxLength: 254 },
    'limit': { minimum: 1, maximum: 200 },
    'number': { maxLength: 20 },
    'sku': { maxLength: 100 },
    'status': { maxLength: 200 },
    'totalMax': { minimum: 0 },
    'totalMin': { minimum: 0 },
  },
  'GET /api/v1/orders/{orderId}': {
    'orderId': { maxLength: 100 },
  },
  'GET /api/v1/orders/{orderId}/shipments': {
    'orderId': { maxLength: 100 },
  },
  'GET /api/v1/orders/{orderId}/shipping-rates': {
    'orderId': { maxLength: 100 },
  },
  'GET /api/v1/orders/analytics': {
    'from': { maxLength: 10 },
    'timeZone': { maxLength: 64 },
    'to': { maxLength: 10 },
  },
  'GET /api/v1/payments': {
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 200 },
    'orderId': { minLength: 1, maxLength: 100 },
  },
  'GET /api/v1/payments/{id}': {
    'id': { maxLength: 100 },
  },
  'GET /api/v1/payments/reconciliations': {
    'limit': { minimum: 1, maximum: 200 },
  },
  'GET /api/v1/privacy/requests/{requestId}': {
    'requestId': { maxLength: 100 },
  },
  'GET /api/v1/privacy/requests/{requestId}/download': {
    'requestId': { maxLength: 100 },
  },
  'GET /api/v1/recordings': {
    'agent': { minLength: 1, maxLength: 256 },
    'callId': { minLength: 1, maxLength: 64 },
    'cursor': { maxLength: 200 },
    'limit': { minimum: 1, maximum: 200 },
    'number': { minLength: 1, maxLength: 256 },
    'q': { minLength: 1, maxLength: 512 },
    'queue': { minLength: 1, maxLength: 256 },
  },
  'GET /api/v1/recordings/{id}/analyses': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'GET /api/v1/recordings/{id}/analysis': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'GET /api/v1/recordings/{id}/analysis/reviews': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'GET /api/v1/recordings/{recordingId}': {
    'recordingId': { maxLength: 64 },
  },
  'GET /api/v1/recordings/{recordingId}/audio': {
    'recordingId': { maxLength: 64 },
  },
  'GET /api/v1/recordings/{recordingId}/runs': {
    'recordingId': { minLength: 1, maxLength: 64 },
  },
  'GET /api/v1/webhooks/endpoints/{endpointId}': {
    'endpointId': { maxLength: 100 },
  },
  'GET /api/v1/webhooks/endpoints/{endpointId}/deliveries': {
    'endpointId': { maxLength: 100 },
    'limit': { minimum: 1, maximum: 500 },
  },
  'PATCH /api/v1/campaigns/campaigns/{campaignId}': {
    'campaignId': { maxLength: 100 },
    'description': { maxLength: 2000 },
    'lists': { minItems: 1, maxItems: 50 },
    'name': { minLength: 1, maxLength: 200 },
    'priority': { minimum: -100, maximum: 100 },
  },
  'PATCH /api/v1/campaigns/lists/{listId}': {
    'description': { maxLength: 2000 },
    'listId': { maxLength: 100 },
    'name': { minLength: 1, maxLength: 200 },
  },
  'PATCH /api/v1/catalog/categories/{categoryId}': {
    'categoryId': { maxLength: 100 },
    'name': { minLength: 1, maxLength: 200 },
    'parentId': { maxLength: 100 },
  },
  'PATCH /api/v1/catalog/products/{productId}': {
    'categoryId': { maxLength: 100 },
    'description': { maxLength: 20000 },
    'name': { minLength: 1, maxLength: 300 },
    'prices': { maxItems: 20 },
    'productId': { maxLength: 100 },
    'sku': { minLength: 1, maxLength: 100 },
    'version': { minimum: 1 },
  },
  'PATCH /api/v1/conversations/sources/{sourceId}': {
    'name': { minLength: 1, maxLength: 100 },
    'sourceId': { maxLength: 64 },
  },
  'PATCH /api/v1/customer-segments/{segmentId}': {
    'description': { maxLength: 2000 },
    'name': { minLength: 1, maxLength: 200 },
    'segmentId': { maxLength: 100 },
  },
  'PATCH /api/v1/customers/{customerId}': {
    'customerId': { maxLength: 100 },
    'email': { maxLength: 254 },
    'name': { minLength: 1, maxLength: 200 },
    'phone': { maxLength: 64 },
    'version': { minimum: 1 },
  },
  'PATCH /api/v1/tenant': {
    'name': { minLength: 1, maxLength: 200 },
    'timeZone': { minLength: 1, maxLength: 64 },
  },
  'PATCH /api/v1/webhooks/endpoints/{endpointId}': {
    'description': { maxLength: 500 },
    'endpointId': { maxLength: 100 },
    'eventTypes': { minItems: 1, maxItems: 100 },
    'url': { maxLength: 2000 },
  },
  'POST /api/v1/api-keys': {
    'name': { minLength: 1, maxLength: 200 },
    'scopes': { minItems: 1, maxItems: 50 },
  },
  'POST /api/v1/auth/login': {
    'email': { minLength: 3, maxLength: 320 },
    'password': { minLength: 1, maxLength: 256 },
    'tenant': { minLength: 1, maxLength: 63 },
  },
  'POST /api/v1/auth/logout': {
    'refreshToken': { minLength: 1, maxLength: 512 },
  },
  'POST /api/v1/auth/oidc/exchange': {
    'code': { minLength: 1, maxLength: 4096 },
    'iss': { maxLength: 2000 },
    'providerId': { maxLength: 64 },
    'redirectUri': { maxLength: 2000 },
    'tenant': { minLength: 1, maxLength: 63 },
  },
  'POST /api/v1/auth/oidc/start': {
    'providerId': { maxLength: 64 },
    'redirectUri': { maxLength: 2000 },
    'tenant': { minLength: 1, maxLength: 63 },
  },
  'POST /api/v1/auth/refresh': {
    'refreshToken': { minLength: 1, maxLength: 512 },
  },
  'POST /api/v1/calls/exports': {
    'agent': { minLength: 1, maxLength: 256 },
    'minDuration': { minimum: 0, maximum: 604800 },
    'number': { minLength: 1, maxLength: 256 },
    'q': { maxLength: 256 },
    'queue': { minLength: 1, maxLength: 256 },
  },
  'POST /api/v1/calls/exports/{exportId}/cancel': {
    'exportId': { maxLength: 64 },
  },
  'POST /api/v1/calls/exports/{exportId}/download': {
    'exportId': { maxLength: 64 },
  },
  'POST /api/v1/calls/ingest': {
    'columns': { maxLength: 4000 },
    'extensionMaxDigits': { minimum: 1, maximum: 15 },
    'ownNumbers': { maxLength: 4000 },
    'timeZone': { maxLength: 64 },
  },
  'POST /api/v1/calls/quarantine/{quarantineId}/replay': {
    'quarantineId': { maxLength: 64 },
  },
  'POST /api/v1/campaigns/campaigns': {
    'description': { maxLength: 2000 },
    'lists': { minItems: 1, maxItems: 50 },
    'name': { minLength: 1, maxLength: 200 },
    'priority': { minimum: -100, maximum: 100 },
  },
  'POST /api/v1/campaigns/campaigns/{campaignId}/cancel': {
    'campaignId': { maxLength: 100 },
  },
  'POST /api/v1/campaigns/campaigns/{campaignId}/pause': {
    'campaignId': { maxLength: 100 },
  },
  'POST /api/v1/campaigns/campaigns/{campaignId}/resume': {
    'campaignId': { maxLength: 100 },
  },
  'POST /api/v1/campaigns/campaigns/{campaignId}/start': {
    'campaignId': { maxLength: 100 },
  },
  'POST /api/v1/campaigns/column-mappings': {
    'name': { minLength: 1, maxLength: 200 },
  },
  'POST /api/v1/campaigns/consents': {
    'phone': { minLength: 3, maxLength: 64 },
    'request': { minLength: 1, maxLength: 100000 },
    'requestObjectKey': { minLength: 1, maxLength: 1024 },
    'textShown': { minLength: 1, maxLength: 10000 },
  },
  'POST /api/v1/campaigns/consents/{consentId}/withdraw': {
    'consentId': { maxLength: 100 },
  },
  'POST /api/v1/campaigns/consents/withdrawals': {
    'phone': { minLength: 3, maxLength: 64 },
  },
  'POST /api/v1/campaigns/dnc': {
    'number': { minLength: 3, maxLength: 64 },
    'reason': { minLength: 1, maxLength: 500 },
  },
  'POST /api/v1/campaigns/leads/{leadId}/status': {
    'leadId': { maxLength: 100 },
    'note': { minLength: 1, maxLength: 500 },
  },
  'POST /api/v1/campaigns/lists': {
    'description': { maxLength: 2000 },
    'name': { minLength: 1, maxLength: 200 },
  },
  'POST /api/v1/catalog/categories': {
    'name': { minLength: 1, maxLength: 200 },
    'parentId': { maxLength: 100 },
  },
  'POST /api/v1/catalog/locations': {
    'name': { minLength: 1, maxLength: 200 },
  },
  'POST /api/v1/catalog/products': {
    'categoryId': { maxLength: 100 },
    'description': { maxLength: 20000 },
    'name': { minLength: 1, maxLength: 300 },
    'prices': { maxItems: 20 },
    'sku': { minLength: 1, maxLength: 100 },
  },
  'POST /api/v1/catalog/products/{productId}/images': {
    'productId': { maxLength: 100 },
  },
  'POST /api/v1/conversations/categories/{id}/activate': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/conversations/categories/{id}/preview': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/conversations/categories/{id}/versions': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/conversations/insight-schemas/{id}/activate': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/conversations/insight-schemas/{id}/versions': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/conversations/rescore/{jobId}/cancel': {
    'jobId': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/conversations/scorecards/{id}/activate': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/conversations/scorecards/{id}/preview': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/conversations/scorecards/{id}/versions': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/conversations/sources/{sourceId}/run': {
    'sourceId': { maxLength: 64 },
  },
  'POST /api/v1/customer-segments': {
    'description': { maxLength: 2000 },
    'name': { minLength: 1, maxLength: 200 },
  },
  'POST /api/v1/customers': {
    'email': { maxLength: 254 },
    'name': { minLength: 1, maxLength: 200 },
    'phone': { maxLength: 64 },
    'userId': { maxLength: 100 },
  },
  'POST /api/v1/customers/{customerId}/addresses': {
    'city': { minLength: 1, maxLength: 100 },
    'customerId': { maxLength: 100 },
    'label': { maxLength: 100 },
    'line1': { minLength: 1, maxLength: 200 },
    'line2': { maxLength: 200 },
    'name': { maxLength: 200 },
    'postalCode': { maxLength: 20 },
    'region': { maxLength: 100 },
  },
  'POST /api/v1/customers/{customerId}/consents': {
    'customerId': { maxLength: 100 },
    'source': { maxLength: 200 },
  },
  'POST /api/v1/identity-providers': {
    'audience': { minLength: 1, maxLength: 500 },
    'clientId': { maxLength: 500 },
    'issuer': { maxLength: 2000 },
    'name': { minLength: 1, maxLength: 200 },
    'roleMapping': { keyMaxLength: 500 },
    'rolesClaim': { maxLength: 200 },
    'tenantClaim': { maxLength: 200 },
    'tenantClaimValue': { maxLength: 500 },
  },
  'POST /api/v1/notification-templates': {
    'body': { minLength: 1, maxLength: 20000 },
    'subject': { maxLength: 500 },
  },
  'POST /api/v1/notifications': {
    'body': { maxLength: 5000 },
    'channels': { minItems: 1, maxItems: 3 },
    'template': { maxLength: 100 },
    'title': { minLength: 1, maxLength: 300 },
    'variables': { keyMaxLength: 100 },
  },
  'POST /api/v1/notifications/{notificationId}/read': {
    'notificationId': { maxLength: 100 },
  },
  'POST /api/v1/orders': {
    'customerId': { maxLength: 100 },
    'discountCode': { minLength: 1, maxLength: 40 },
    'email': { maxLength: 254 },
    'lines': { minItems: 1, maxItems: 200 },
    'note': { maxLength: 2000 },
    'shippingOption': { minLength: 1, maxLength: 40 },
  },
  'POST /api/v1/orders/{orderId}/refunds': {
    'amountMinor': { minimum: 1, maximum: 10000000000000 },
    'lines': { minItems: 1, maxItems: 200 },
    'orderId': { maxLength: 100 },
    'reason': { minLength: 1, maxLength: 500 },
  },
  'POST /api/v1/orders/{orderId}/returns': {
    'lines': { minItems: 1, maxItems: 200 },
    'orderId': { maxLength: 100 },
    'reason': { minLength: 1, maxLength: 500 },
  },
  'POST /api/v1/orders/{orderId}/shipments': {
    'lines': { minItems: 1, maxItems: 500 },
    'orderId': { maxLength: 100 },
    'rateId': { minLength: 1, maxLength: 2000 },
  },
  'POST /api/v1/orders/discounts': {
    'minSubtotalMinor': { minimum: 0, maximum: 10000000000000 },
    'percentBasisPoints': { minimum: 1, maximum: 10000 },
  },
  'POST /api/v1/orders/views': {
    'name': { minLength: 1, maxLength: 100 },
  },
  'POST /api/v1/payments/{id}/captures': {
    'amountMinor': { minimum: 1, maximum: 10000000000000 },
    'id': { maxLength: 100 },
  },
  'POST /api/v1/payments/{id}/refunds': {
    'amountMinor': { minimum: 1, maximum: 10000000000000 },
    'id': { maxLength: 100 },
    'reason': { minLength: 1, maxLength: 500 },
  },
  'POST /api/v1/payments/{id}/voids': {
    'id': { maxLength: 100 },
  },
  'POST /api/v1/privacy/requests': {
    'customerId': { maxLength: 100 },
    'email': { maxLength: 254 },
    'note': { minLength: 1, maxLength: 2000 },
    'phone': { maxLength: 40 },
  },
  'POST /api/v1/privacy/requests/{requestId}/extend': {
    'reason': { minLength: 1, maxLength: 2000 },
    'requestId': { maxLength: 100 },
  },
  'POST /api/v1/privacy/requests/{requestId}/process': {
    'requestId': { maxLength: 100 },
  },
  'POST /api/v1/privacy/requests/{requestId}/reject': {
    'reason': { minLength: 1, maxLength: 2000 },
    'requestId': { maxLength: 100 },
  },
  'POST /api/v1/privacy/requests/{requestId}/verify': {
    'note': { minLength: 1, maxLength: 2000 },
    'requestId': { maxLength: 100 },
  },
  'POST /api/v1/recordings/{id}/analyses': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/recordings/{id}/analysis/disputes': {
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/recordings/{id}/analysis/disputes/{disputeId}/resolve': {
    'disputeId': { minLength: 1, maxLength: 120 },
    'id': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/recordings/{id}/analysis/rules/{ruleId}/override': {
    'id': { minLength: 1, maxLength: 120 },
    'ruleId': { minLength: 1, maxLength: 120 },
  },
  'POST /api/v1/recordings/{recordingId}/complete': {
    'bytes': { minimum: 1, maximum: 4294967296 },
    'recordingId': { maxLength: 64 },
  },
  'POST /api/v1/recordings/{recordingId}/runs': {
    'recordingId': { minLength: 1, maxLength: 64 },
  },
  'POST /api/v1/recordings/uploads': {
    'bytes': { minimum: 1, maximum: 4294967296 },
  },
  'POST /api/v1/users': {
    'displayName': { minLength: 1, maxLength: 200 },
    'email': { maxLength: 320 },
    'password': { minLength: 12, maxLength: 256 },
    'roles': { minItems: 1 },
  },
  'POST /api/v1/views': {
    'name': { minLength: 1, maxLength: 80 },
    'state': { maxLength: 2000 },
  },
  'POST /api/v1/webhooks/deliveries/{deliveryId}/redeliver': {
    'deliveryId': { maxLength: 100 },
  },
  'POST /api/v1/webhooks/endpoints': {
    'description': { maxLength: 500 },
    'eventTypes': { minItems: 1, maxItems: 100 },
    'url': { maxLength: 2000 },
  },
  'POST /api/v1/webhooks/endpoints/{endpointId}/rotate-secret': {
    'endpointId': { maxLength: 100 },
  },
  'POST /api/v1/webhooks/endpoints/{endpointId}/test': {
    'endpointId': { maxLength: 100 },
  },
  'PUT /api/v1/calls/queue-targets/default': {
    'serviceLevelGoal': { maximum: 1 },
  },
  'PUT /api/v1/calls/queue-targets/queues/{queueId}': {
    'queueId': { minLength: 1, maxLength: 256 },
    'serviceLevelGoal': { maximum: 1 },
  },
  'PUT /api/v1/catalog/erp/connection': {
    'endpoint': { maxLength: 2000 },
    'intervalMinutes': { minimum: 1, maximum: 10080 },
    'locationMap': { keyMaxLength: 100 },
    'password': { maxLength: 500 },
    'username': { maxLength: 500 },
  },
  'PUT /api/v1/catalog/inventory/{productId}/{locationId}': {
    'adjustBy': { minimum: -1000000000, maximum: 1000000000 },
    'locationId': { maxLength: 100 },
    'lowStockThreshold': { minimum: 0, maximum: 1000000000 },
    'onHand': { minimum: 0, maximum: 1000000000 },
    'productId': { maxLength: 100 },
    'reason': { minLength: 1, maxLength: 500 },
  },
  'PUT /api/v1/customers/{customerId}/preferences': {
    'customerId': { maxLength: 100 },
  },
  'PUT /api/v1/notification-templates/{templateId}': {
    'body': { minLength: 1, maxLength: 20000 },
    'subject': { maxLength: 500 },
    'templateId': { maxLength: 100 },
  },
  'PUT /api/v1/orders/{orderId}/status': {
    'orderId': { maxLength: 100 },
    'reason': { minLength: 1, maxLength: 500 },
  },
  'PUT /api/v1/orders/settings': {
    'cancellableStatuses': { maxItems: 3 },
    'paymentActionTimeoutMinutes': { minimum: 1, maximum: 10080 },
    'shippingOptions': { maxItems: 100 },
    'taxRates': { maxItems: 500 },
  },
  'PUT /api/v1/payments/gateways/{name}': {
    'baseUrl': { maxLength: 300 },
    'clientId': { minLength: 1, maxLength: 300 },
    'clientSecret': { minLength: 1, maxLength: 300 },
    'secretKey': { minLength: 1, maxLength: 300 },
    'webhookId': { minLength: 1, maxLength: 100 },
    'webhookSecret': { minLength: 1, maxLength: 300 },
  },
  'PUT /api/v1/recordings/uploads/{recordingId}/audio': {
    'expires': { maxLength: 16 },
    'recordingId': { maxLength: 64 },
    'sig': { maxLength: 64 },
    'tenant': { maxLength: 64 },
  },
  'PUT /api/v1/secrets/{name}': {
    'name': { minLength: 1, maxLength: 100 },
    'value': { minLength: 1, maxLength: 16384 },
  },
  'PUT /api/v1/users/{userId}/roles': {
    'roles': { minItems: 1 },
  },
  'PUT /api/v1/views/{viewId}': {
    'name': { minLength: 1, maxLength: 80 },
    'state': { maxLength: 2000 },
    'viewId': { maxLength: 64 },
  },
} as const satisfies Record<string, Record<string, FieldLimits>>;

export type LimitedOperation = keyof typeof apiLimits;
