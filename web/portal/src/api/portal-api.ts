import { call } from './client';

/*
 * The external API the portal uses, by area. Shapes follow the routes on main (auth, catalog,
 * orders) and, for the areas issue 18 adds (me, notifications, privacy), the contract in
 * API-18.md; a field the server leaves out shows as nothing rather than breaking a page.
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
  signUp: (body: { tenant: string; email: string; password: string; displayName: string }) =>
    call<{ status: string }>('/auth/sign-up', { method: 'POST', body, public: true }),
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

export interface Profile {
  readonly id: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly language: string | null;
  readonly version: number;
}

export interface SavedAddress {
  readonly id: string;
  readonly label?: string | null;
  readonly name?: string | null;
  readonly line1: string;
  readonly line2?: string | null;
  readonly city: string;
  readonly postalCode?: string | null;
  readonly country: string;
}

export interface ContactPreferences {
  readonly language: string | null;
  readonly preferredChannel: 'email' | 'sms' | 'phone' | 'post' | null;
  readonly channels: Readonly<Record<'email' | 'sms' | 'phone' | 'post', boolean>>;
  readonly marketing: Readonly<Record<'email' | 'sms' | 'phone', boolean>>;
}

export interface ConsentState {
  readonly current: readonly { purpose: string; granted: boolean; since: string }[];
  readonly history: readonly {
    id: string;
    purpose: string;
    granted: boolean;
    at: string;
    method: string;
    withdrawnAt: string | null;
  }[];
}

export const meApi = {
  profile: () => call<Profile>('/me'),
  update: (changes: { name?: string; phone?: string | null; language?: string | null }, version: number) =>
    call<Profile>('/me', { method: 'PATCH', body: changes, headers: { 'if-match': `"${version}"` } }),
  addresses: () => call<{ items: SavedAddress[] }>('/me/addresses'),
  addAddress: (address: Omit<SavedAddress, 'id'>) =>
    call<SavedAddress>('/me/addresses', { method: 'POST', body: address }),
  removeAddress: (id: string) =>
    call<unknown>(`/me/addresses/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  preferences: () => call<ContactPreferences>('/me/preferences'),
  savePreferences: (preferences: Partial<ContactPreferences>) =>
    call<ContactPreferences>('/me/preferences', { method: 'PUT', body: preferences }),
  consents: () => call<ConsentState>('/me/consents'),
  setConsent: (purpose: string, granted: boolean) =>
    call<ConsentState>('/me/consents', { method: 'PUT', body: { purpose, granted } }),
};

// ---- notifications ----------------------------------------------------------------------------

export interface PortalNotification {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export const notificationsApi = {
  list: () => call<{ items: PortalNotification[]; nextCursor: string | null }>('/notifications'),
  unreadCount: () => call<{ count: number }>('/notifications/unread-count'),
  read: (id: string) => call<unknown>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
  readAll: () => call<unknown>('/notifications/read-all', { method: 'POST' }),
};
export const notificationsStreamPath = '/ext/v1/notifications/stream';

// ---- privacy ----------------------------------------------------------------------------------

export interface PrivacyRequest {
  readonly id: string;
  readonly kind: 'access' | 'erasure' | 'restriction' | 'rectification';
  readonly status: 'received' | 'verifying' | 'in_progress' | 'completed' | 'rejected';
  readonly receivedAt: string;
  readonly dueAt: string;
  readonly completedAt: string | null;
  readonly result?: { readonly exportExpiresAt?: string | null } | null;
}

export const privacyApi = {
  list: () => call<{ items: PrivacyRequest[] }>('/privacy/requests'),
  request: (kind: 'access' | 'erasure') =>
    call<PrivacyRequest>('/privacy/requests', { method: 'POST', body: { kind } }),
  download: (id: string) =>
    call<{ url: string; expiresAt: string }>(`/privacy/requests/${encodeURIComponent(id)}/download`),
};
