import { call } from './client';

/*
 * The external API the portal uses, by area. Shapes follow the routes' zod schemas (auth, catalog,
 * orders, me, notifications, privacy).
 */

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

// ---- auth -------------------------------------------------------------------------------------

export interface TokenPair {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken?: string | undefined;
  readonly mfaEnrollmentRequired: boolean;
}

export interface SignedIn {
  readonly user: { readonly id: string; readonly email: string; readonly displayName: string | null } | null;
  readonly tenantId: string;
  readonly actor: string;
  readonly permissions: readonly string[];
}

export const authApi = {
  login: (body: { tenant: string; email: string; password: string }) =>
    call<TokenPair>('/auth/login', { method: 'POST', body, public: true }),
  /** 202 whatever the address (no enumeration); the link is e-mailed. */
  signUp: (body: { tenant: string; email: string; password: string; displayName: string }) =>
    call<{ status: 'verification_sent' }>('/auth/sign-up', { method: 'POST', body, public: true }),
  verifyEmail: (body: { tenant: string; token: string }) =>
    call<TokenPair>('/auth/verify-email', { method: 'POST', body, public: true }),
  providers: (tenant: string) =>
    call<{ items: { id: string; name: string }[] }>('/auth/providers', { query: { tenant }, public: true }),
  oidcStart: (body: {
    tenant: string;
    providerId: string;
    redirectUri: string;
    codeChallenge: string;
    state: string;
    nonce: string;
  }) => call<{ authorizationUrl: string }>('/auth/oidc/start', { method: 'POST', body, public: true }),
  oidcExchange: (body: {
    tenant: string;
    providerId: string;
    code: string;
    codeVerifier: string;
    redirectUri: string;
    nonce: string;
    iss?: string | undefined;
  }) => call<TokenPair>('/auth/oidc/exchange', { method: 'POST', body, public: true }),
  me: () => call<SignedIn>('/auth/me'),
};

// ---- catalog ----------------------------------------------------------------------------------

export interface Product {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string | null;
  readonly categoryId: string | null;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly prices: readonly Money[];
  readonly available: number;
}

export interface ProductSearch {
  readonly items: readonly Product[];
  readonly facets: {
    readonly categories: readonly { id: string; name: string; count: number }[];
    readonly priceBands: readonly { fromMinor: number; toMinor: number | null; count: number }[];
  };
  readonly nextCursor: string | null;
  readonly total: { readonly count: number; readonly exact: boolean };
}

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly path: readonly string[];
  readonly productCount: number;
}

export interface ProductQuery {
  readonly q?: string | undefined;
  readonly categoryId?: string | undefined;
  readonly currency?: string | undefined;
  readonly priceMin?: number | undefined;
  readonly priceMax?: number | undefined;
  readonly cursor?: string | undefined;
}

export const catalogApi = {
  search: (query: ProductQuery) =>
    call<ProductSearch>('/catalog/products', { query: { ...query, limit: 24 } }),
  product: (id: string) => call<Product>(`/catalog/products/${encodeURIComponent(id)}`),
  categories: () => call<{ items: Category[] }>('/catalog/categories'),
};

// ---- orders -----------------------------------------------------------------------------------

export interface PostalAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string | undefined;
  readonly city: string;
  readonly region?: string | undefined;
  readonly postalCode: string;
  readonly country: string;
  readonly phone?: string | undefined;
}

export type OrderStatus =
  'PENDING' | 'CONFIRMED' | 'PROCESSING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'RETURNED' | 'REFUNDED';

export interface OrderSummary {
  readonly id: string;
  readonly number: string;
  readonly status: OrderStatus;
  readonly total: Money;
  readonly itemCount: number;
  readonly placedAt: string;
}

export interface OrderPayment {
  readonly id: string;
  readonly status: string;
  readonly nextAction: { readonly type: string; readonly url: string } | null;
  readonly failureCode: string | null;
  readonly method: { readonly brand: string | null; readonly last4: string | null } | null;
}

export interface OrderDetail extends OrderSummary {
  readonly email: string;
  readonly shippingAddress: PostalAddress;
  readonly subtotal: Money;
  readonly discount: Money;
  readonly shipping: Money;
  readonly tax: Money;
  readonly lines: readonly {
    id: string;
    sku: string;
    name: string;
    quantity: number;
    unitPrice: Money;
    total: Money;
  }[];
  readonly history: readonly { from: string | null; to: string; actor: string; reason: string; at: string }[];
  readonly payments: readonly OrderPayment[];
  readonly timeline: readonly { at: string; kind: string; summary: string }[];
}

export interface NewOrder {
  readonly email: string;
  readonly currency: string;
  readonly lines: readonly { sku: string; quantity: number }[];
  readonly shippingAddress: PostalAddress;
  readonly discountCode?: string | undefined;
  readonly payment: { readonly method: { readonly type: 'test_card'; readonly number: string } };
}

export const ordersApi = {
  place: (order: NewOrder, idempotencyKey: string) =>
    call<OrderDetail>('/orders', {
      method: 'POST',
      body: order,
      headers: { 'idempotency-key': idempotencyKey },
    }),
  list: () => call<{ items: OrderSummary[]; nextCursor: string | null }>('/orders'),
  get: (id: string) => call<OrderDetail>(`/orders/${encodeURIComponent(id)}`),
  cancel: (id: string) => call<unknown>(`/orders/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

// ---- me (customers) ---------------------------------------------------------------------------
// src/modules/customers/profiles/me.routes.ts and profiles.schemas.ts.

export interface Profile {
  readonly id: string;
  readonly userId: string | null;
  readonly name: string | null;
  readonly email: string | null;
  /** E.164. */
  readonly phone: string | null;
  readonly language: string | null;
  readonly status: 'active' | 'anonymised';
  readonly restricted: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastActivityAt: string;
  readonly version: number;
}

/** What a client may change of their own profile; null clears. */
export interface ProfileChanges {
  readonly name?: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly language?: string | null;
}

export interface NewAddress {
  readonly label?: string | null;
  readonly name?: string | null;
  readonly line1: string;
  readonly line2?: string | null;
  readonly city: string;
  readonly region?: string | null;
  readonly postalCode?: string | null;
  /** ISO 3166 alpha-2. */
  readonly country: string;
}

export interface SavedAddress extends NewAddress {
  readonly id: string;
  readonly createdAt: string;
}

export type ContactChannel = 'email' | 'sms' | 'phone' | 'post';

/** PUT replaces the whole object. A change of a marketing opt-in is recorded as a consent `marketing.<channel>`. */
export interface ContactPreferences {
  readonly language: string | null;
  readonly preferredChannel: ContactChannel | null;
  readonly channels: Readonly<Record<ContactChannel, boolean>>;
  readonly marketing: Readonly<Record<'email' | 'sms' | 'phone', boolean>>;
}

export interface ConsentState {
  readonly current: readonly { purpose: string; granted: boolean; since: string }[];
  readonly history: readonly {
    id: string;
    purpose: string;
    granted: boolean;
    at: string;
    method: 'portal' | 'phone' | 'email' | 'import' | 'console' | 'system';
    source: string | null;
    withdrawnAt: string | null;
  }[];
}

export const meApi = {
  profile: () => call<Profile>('/me'),
  /** `If-Match: "<version>"`: 412 CUSTOMERS_VERSION_MISMATCH when the profile changed since it was read. */
  update: (changes: ProfileChanges, version: number) =>
    call<Profile>('/me', { method: 'PATCH', body: changes, headers: { 'if-match': `"${version}"` } }),
  addresses: () => call<{ items: SavedAddress[] }>('/me/addresses'),
  addAddress: (address: NewAddress) => call<SavedAddress>('/me/addresses', { method: 'POST', body: address }),
  removeAddress: (id: string) =>
    call<unknown>(`/me/addresses/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  preferences: () => call<ContactPreferences>('/me/preferences'),
  savePreferences: (preferences: ContactPreferences) =>
    call<ContactPreferences>('/me/preferences', { method: 'PUT', body: preferences }),
  consents: () => call<ConsentState>('/me/consents'),
  /** Each change is appended to the history (method `portal`); the answer is the new state. */
  setConsents: (consents: readonly { purpose: string; granted: boolean }[]) =>
    call<ConsentState>('/me/consents', { method: 'PUT', body: { consents } }),
};

// ---- notifications ----------------------------------------------------------------------------
// src/modules/notifications/inbox/inbox.routes.ts (the same "mine" routes as the console's).

export interface PortalNotification {
  readonly id: string;
  readonly userId: string;
  readonly type: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export type NotificationChannel = 'in_app' | 'email' | 'sms';

/**
 * PUT replaces the whole object. `channels` maps a notification type (or `*`, every type) to its
 * channels; missing means in-app and e-mail on, SMS off. SMS goes to `phone` (E.164).
 */
export interface NotificationPreferences {
  readonly channels: Readonly<Record<string, Partial<Record<NotificationChannel, boolean>>>>;
  readonly quietHours: { readonly start: string; readonly end: string; readonly timeZone: string } | null;
  readonly language: string | null;
  readonly phone: string | null;
}

export const notificationsApi = {
  list: (query: { unread?: boolean; cursor?: string } = {}) =>
    call<{ items: PortalNotification[]; nextCursor: string | null }>('/notifications', {
      query: { unread: query.unread ? 'true' : undefined, cursor: query.cursor },
    }),
  unreadCount: () => call<{ count: number }>('/notifications/unread-count'),
  read: (id: string) =>
    call<PortalNotification>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
  readAll: () => call<{ marked: number }>('/notifications/read-all', { method: 'POST' }),
  preferences: () => call<NotificationPreferences>('/notifications/preferences'),
  savePreferences: (preferences: NotificationPreferences) =>
    call<NotificationPreferences>('/notifications/preferences', { method: 'PUT', body: preferences }),
};
/** Server-sent events: `event: notification`, `id: ntf_…`, data = a PortalNotification; resumes with Last-Event-ID. */
export const notificationsStreamPath = '/ext/v1/notifications/stream';

// ---- privacy ----------------------------------------------------------------------------------

/** What a module erased and kept, after an erasure (counts and reasons, never data). */
export interface PrivacyOutcome {
  readonly module: string;
  readonly erased: number;
  readonly kept: readonly { readonly what: string; readonly count: number; readonly reason: string }[];
}

/** `PrivacyRequest` of /ext/v1/privacy/requests (src/modules/privacy/requests/requests.routes.ts). */
export interface PrivacyRequest {
  readonly id: string;
  readonly kind: 'access' | 'erasure' | 'restriction' | 'rectification';
  readonly status: 'received' | 'verifying' | 'in_progress' | 'completed' | 'rejected';
  readonly channel: 'portal' | 'console' | 'email' | 'phone';
  /** Masked identifiers, never the identifiers themselves. */
  readonly subject: string;
  readonly customerId: string | null;
  readonly receivedAt: string;
  readonly dueAt: string;
  readonly extendedDueAt: string | null;
  readonly extensionReason: string | null;
  readonly completedAt: string | null;
  readonly verification: { readonly method: string; readonly verifiedAt: string } | null;
  readonly rejectionReason: string | null;
  readonly result: {
    readonly modules: readonly PrivacyOutcome[];
    readonly exportExpiresAt: string | null;
    readonly rectificationPath: string | null;
  } | null;
  readonly lastError: string | null;
}

export const privacyApi = {
  list: () => call<{ items: PrivacyRequest[] }>('/privacy/requests'),
  /** Access and erasure run at once for a signed-in client; the answer is the request as it ended. */
  request: (kind: 'access' | 'erasure') =>
    call<PrivacyRequest>('/privacy/requests', { method: 'POST', body: { kind } }),
  download: (id: string) =>
    call<{ url: string; expiresAt: string }>(`/privacy/requests/${encodeURIComponent(id)}/download`),
};
