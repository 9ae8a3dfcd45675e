import { authorisingFetch, session } from '@/api/client';
import { ApiError } from '@/api/problem';

/*
 * The catalog's API as the console calls it (/api/v1/catalog, issue 17).
 *
 * LOCAL TYPES, mirroring /work/wt/API-ORDERS.md ("Catalog — internal") and
 * src/modules/catalog/contract.ts: the routes were built in parallel and are not in
 * `@/api/schema.gen` yet. After the merge the lead regenerates the schema and switches the types
 * below to `Schema<'Product'>` & co. and the calls to the typed `api` client — this file is the
 * only one that needs to change (every page imports its types and calls from here).
 */

export interface Money {
  /** Integer minor units (1999 = €19.99); never a float. */
  readonly amountMinor: number;
  /** ISO 4217. */
  readonly currency: string;
}

export type ProductStatus = 'draft' | 'active' | 'archived';
export const productStatuses: readonly ProductStatus[] = ['draft', 'active', 'archived'];

export interface ProductImage {
  readonly id: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly alt: string | null;
}

export type AttributeValue = string | number | boolean;

export interface Product {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string | null;
  readonly status: ProductStatus;
  readonly categoryId: string | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly prices: readonly Money[];
  readonly images: readonly ProductImage[];
  readonly available: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ProductFacets {
  readonly categories: readonly { readonly id: string; readonly name: string; readonly count: number }[];
  readonly priceBands: readonly {
    readonly fromMinor: number;
    readonly toMinor: number | null;
    readonly count: number;
  }[];
  readonly availability: { readonly inStock: number; readonly outOfStock: number };
}

export interface ProductPage {
  readonly items: readonly Product[];
  readonly facets: ProductFacets;
  readonly nextCursor: string | null;
  /** How many match; `exact` is false when the server stopped counting (a capped or estimated count). */
  readonly total: { readonly count: number; readonly exact: boolean };
}

export type Availability = 'in_stock' | 'out_of_stock';
export type ProductSort = 'relevance' | 'name' | 'newest' | 'price';
export const productSorts: readonly ProductSort[] = ['relevance', 'name', 'newest', 'price'];

export interface ProductQuery {
  readonly q?: string;
  readonly categoryId?: string;
  readonly status?: ProductStatus;
  readonly currency?: string;
  readonly priceMin?: number;
  readonly priceMax?: number;
  readonly availability?: Availability;
  readonly sort?: ProductSort;
}

export interface ProductInput {
  readonly sku: string;
  readonly name: string;
  readonly description?: string | null;
  readonly status?: ProductStatus;
  readonly categoryId?: string | null;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly prices: readonly Money[];
}

export type ImportState = 'queued' | 'running' | 'completed' | 'failed';
export const runningImportStates: readonly ImportState[] = ['queued', 'running'];

export interface Rejection {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

export interface ProductImport {
  readonly id: string;
  readonly state: ImportState;
  readonly rowsTotal: number;
  readonly rowsDone: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly rejections: readonly Rejection[];
}

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  /** Names from the root to this category. */
  readonly path: readonly string[];
  readonly productCount: number;
}

export interface Location {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface InventoryLevel {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly locationId: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
  readonly lowStockThreshold: number;
  readonly updatedAt: string;
}

export interface InventoryQuery {
  readonly productId?: string;
  readonly locationId?: string;
  readonly lowStock?: boolean;
}

/** `onHand` sets the count, `adjustBy` moves it (one of them); the reason goes to the audit log. */
export interface InventoryChange {
  readonly onHand?: number;
  readonly adjustBy?: number;
  readonly lowStockThreshold?: number;
  readonly reason: string;
}

export type ErpSyncKind = 'inventory' | 'products';
export const erpSyncKinds: readonly ErpSyncKind[] = ['inventory', 'products'];
export type ErpSyncState = 'running' | 'succeeded' | 'failed';
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface ErpSyncReport {
  readonly id: string;
  readonly kind: ErpSyncKind;
  readonly state: ErpSyncState;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly rejections: readonly { readonly item: string; readonly field: string; readonly reason: string }[];
  readonly cursor: string | null;
  readonly error: string | null;
}

export interface ErpConnection {
  readonly endpoint: string;
  readonly enabled: boolean;
  readonly intervalMinutes: number;
  /** ERP warehouse id → `loc_…`. */
  readonly locationMap: Readonly<Record<string, string>>;
  readonly hasCredentials: boolean;
  readonly lastInventorySync: ErpSyncReport | null;
  readonly lastProductsSync: ErpSyncReport | null;
  readonly circuit: CircuitState;
  /** When the last sync recorded `circuit`; null before any sync. */
  readonly circuitAt: string | null;
}

export interface ErpConnectionInput {
  readonly endpoint: string;
  readonly enabled: boolean;
  readonly intervalMinutes: number;
  readonly locationMap: Readonly<Record<string, string>>;
  /** Write-only: sent only when typed; never read back. */
  readonly username?: string;
  readonly password?: string;
}

interface Items<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string | null;
}

const base = '/api/v1/catalog';

export const catalogKeys = {
  all: ['catalog'] as const,
  products: (query: ProductQuery) => ['catalog', 'products', query] as const,
  product: (id: string) => ['catalog', 'product', id] as const,
  import: (id: string) => ['catalog', 'import', id] as const,
  categories: ['catalog', 'categories'] as const,
  locations: ['catalog', 'locations'] as const,
  inventory: (query: InventoryQuery) => ['catalog', 'inventory', query] as const,
  erp: ['catalog', 'erp', 'connection'] as const,
  syncs: (kind: ErpSyncKind | undefined) => ['catalog', 'erp', 'syncs', kind ?? 'all'] as const,
  sync: (id: string) => ['catalog', 'erp', 'sync', id] as const,
};

/**
 * The contract names a refusal's field list `fields`; the platform's problem+json (and ApiError)
 * calls it `errors`. Either reaches the form.
 */
function problemBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const problem = body as { errors?: unknown; fields?: unknown };
  return problem.errors === undefined && Array.isArray(problem.fields)
    ? { ...problem, errors: problem.fields }
    : body;
}

async function send<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await authorisingFetch(session)(new Request(`${base}${path}`, init));
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) throw ApiError.fromResponse(response, problemBody(body));
  return body as T;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function search(params: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

const id = (value: string) => encodeURIComponent(value);

// ---------- products ----------

export function listProducts(
  query: ProductQuery,
  page: { readonly cursor?: string | undefined; readonly limit?: number },
  signal?: AbortSignal,
): Promise<ProductPage> {
  return send(`/products${search({ ...query, limit: page.limit ?? 50, cursor: page.cursor })}`, {
    ...(signal ? { signal } : {}),
  });
}

export const getProduct = (productId: string) => send<Product>(`/products/${id(productId)}`);
export const createProduct = (input: ProductInput) => send<Product>('/products', json('POST', input));
export const updateProduct = (productId: string, version: number, input: Partial<ProductInput>) =>
  send<Product>(`/products/${id(productId)}`, json('PATCH', { version, ...input }));
export const archiveProduct = (productId: string) =>
  send<Product>(`/products/${id(productId)}`, { method: 'DELETE' });

export function uploadImage(productId: string, file: File, alt: string): Promise<ProductImage> {
  const form = new FormData();
  form.append('alt', alt);
  form.append('file', file, file.name);
  return send(`/products/${id(productId)}/images`, { method: 'POST', body: form });
}

export const deleteImage = (productId: string, imageId: string) =>
  send<undefined>(`/products/${id(productId)}/images/${id(imageId)}`, { method: 'DELETE' });

/** The image's bytes (the route needs the bearer token, so an <img src> cannot fetch it itself). */
export async function imageBlob(productId: string, imageId: string, signal?: AbortSignal): Promise<Blob> {
  const response = await authorisingFetch(session)(
    new Request(`${base}/products/${id(productId)}/images/${id(imageId)}`, signal ? { signal } : {}),
  );
  if (!response.ok) throw ApiError.fromResponse(response, await response.json().catch(() => undefined));
  return response.blob();
}

// ---------- CSV import ----------

export function startImport(file: File): Promise<{ readonly id: string; readonly state: ImportState }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return send('/products/imports', { method: 'POST', body: form });
}

export const getImport = (importId: string, signal?: AbortSignal) =>
  send<ProductImport>(`/products/imports/${id(importId)}`, signal ? { signal } : {});

// ---------- categories ----------

export const listCategories = () => send<Items<Category>>('/categories');
export const createCategory = (input: { readonly name: string; readonly parentId?: string | null }) =>
  send<Category>('/categories', json('POST', input));
export const updateCategory = (
  categoryId: string,
  input: { readonly name?: string; readonly parentId?: string | null },
) => send<Category>(`/categories/${id(categoryId)}`, json('PATCH', input));
export const deleteCategory = (categoryId: string) =>
  send<undefined>(`/categories/${id(categoryId)}`, { method: 'DELETE' });

// ---------- locations and inventory ----------

export const listLocations = () => send<Items<Location>>('/locations');
export const createLocation = (input: { readonly code: string; readonly name: string }) =>
  send<Location>('/locations', json('POST', input));

export function listInventory(
  query: InventoryQuery,
  page: { readonly cursor?: string | undefined; readonly limit?: number },
  signal?: AbortSignal,
): Promise<Items<InventoryLevel>> {
  return send(
    `/inventory${search({ ...query, lowStock: query.lowStock ? true : undefined, limit: page.limit ?? 100, cursor: page.cursor })}`,
    signal ? { signal } : {},
  );
}

export const setInventory = (productId: string, locationId: string, change: InventoryChange) =>
  send<InventoryLevel>(`/inventory/${id(productId)}/${id(locationId)}`, json('PUT', change));

// ---------- ERP ----------

export const getErpConnection = () => send<ErpConnection>('/erp/connection');
export const saveErpConnection = (input: ErpConnectionInput) =>
  send<ErpConnection>('/erp/connection', json('PUT', input));
export const startErpSync = (kind: ErpSyncKind) => send<ErpSyncReport>('/erp/syncs', json('POST', { kind }));
export const listErpSyncs = (kind?: ErpSyncKind) =>
  send<Items<ErpSyncReport>>(`/erp/syncs${search({ kind })}`);
export const getErpSync = (syncId: string) => send<ErpSyncReport>(`/erp/syncs/${id(syncId)}`);

/** A low-stock level: available at or under its threshold (a threshold of 0 never warns). */
export function isLowStock(level: Pick<InventoryLevel, 'available' | 'lowStockThreshold'>): boolean {
  return level.lowStockThreshold > 0 && level.available <= level.lowStockThreshold;
}
