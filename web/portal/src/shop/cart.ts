import { useSyncExternalStore } from 'react';
import type { Money, Product } from '@portal/api/portal-api';

/*
 * The cart lives in this browser (localStorage), per shop: nothing reaches the server until the
 * order is placed. Each line keeps the name and price it was added with, for display; the order
 * is priced again by the server from the SKUs.
 */

export interface CartLine {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly unitPrice: Money;
  readonly quantity: number;
}

const storageKey = 'switchboard.portal.cart.v1';
const listeners = new Set<() => void>();
let cached: { raw: string | null; lines: readonly CartLine[] } = { raw: null, lines: [] };

function read(): readonly CartLine[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(storageKey);
  } catch {
    raw = null;
  }
  if (raw === cached.raw) return cached.lines;
  let lines: readonly CartLine[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) lines = parsed as CartLine[];
  } catch {
    lines = [];
  }
  cached = { raw, lines };
  return lines;
}

function write(lines: readonly CartLine[]): void {
  try {
    if (lines.length === 0) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, JSON.stringify(lines));
  } catch {
    // storage blocked: the cart cannot be kept
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === storageKey || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useCart(): readonly CartLine[] {
  return useSyncExternalStore(subscribe, read, read);
}

/** The cart's currency: that of its first line (an order is in one currency). */
export function cartCurrency(lines: readonly CartLine[]): string | undefined {
  return lines[0]?.unitPrice.currency;
}

/** The price a product is sold at here: in the cart's currency when it has one, else its first. */
export function priceFor(product: Pick<Product, 'prices'>, currency?: string): Money | undefined {
  return currency ? product.prices.find((p) => p.currency === currency) : product.prices[0];
}

export const cart = {
  /** Adds the product (or more of it); false when it has no price in the cart's currency. */
  add(product: Product, quantity = 1): boolean {
    const lines = read();
    const price = priceFor(product, cartCurrency(lines));
    if (!price) return false;
    const existing = lines.find((l) => l.productId === product.id);
    write(
      existing
        ? lines.map((l) => (l.productId === product.id ? { ...l, quantity: l.quantity + quantity } : l))
        : [
            ...lines,
            { productId: product.id, sku: product.sku, name: product.name, unitPrice: price, quantity },
          ],
    );
    return true;
  },
  setQuantity(productId: string, quantity: number): void {
    write(
      read()
        .map((l) => (l.productId === productId ? { ...l, quantity } : l))
        .filter((l) => l.quantity > 0),
    );
  },
  remove(productId: string): void {
    write(read().filter((l) => l.productId !== productId));
  },
  clear(): void {
    write([]);
  },
};

export function itemCount(lines: readonly CartLine[]): number {
  return lines.reduce((n, l) => n + l.quantity, 0);
}

export function subtotal(lines: readonly CartLine[]): Money | undefined {
  const currency = cartCurrency(lines);
  if (!currency) return undefined;
  return { currency, amountMinor: lines.reduce((sum, l) => sum + l.unitPrice.amountMinor * l.quantity, 0) };
}
