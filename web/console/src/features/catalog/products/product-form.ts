import { isApiError, messageOf } from '@/api/problem';
import { messagesNow } from '@/i18n';
import { sentence, type FieldErrors } from '@/kit/forms';
import type { AttributeValue, Product, ProductInput, ProductStatus } from '../catalog.api';
import { catalogWords, editorMessages } from '../catalog.messages';
import { amountText, currencyExponent, isCurrency, parseAmount } from '../money';

/*
 * The product editor's state and its two translations: the draft → the request body (with the
 * form's own checks), and a refusal (problem+json `fields[]`) → messages on the draft's fields.
 * Rows carry ids of their own, so a message stays on its row when another row is removed.
 */

export interface PriceRow {
  readonly id: string;
  readonly currency: string;
  /** What the person typed; turned into integer minor units only when sent. */
  readonly amount: string;
}

export interface AttributeRow {
  readonly id: string;
  readonly key: string;
  readonly value: string;
}

export interface ProductDraft {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly status: ProductStatus;
  readonly categoryId: string;
  readonly attributes: readonly AttributeRow[];
  readonly prices: readonly PriceRow[];
}

/** Field keys: `sku`, `name`…, `price.<rowId>.currency|amount`, `attribute.<rowId>.key|value`. */
export type DraftField = string;

let rowSeq = 0;
export const rowId = (): string => `row${++rowSeq}`;

export const priceField = (row: Pick<PriceRow, 'id'>, part: 'currency' | 'amount') =>
  `price.${row.id}.${part}`;
export const attributeField = (row: Pick<AttributeRow, 'id'>, part: 'key' | 'value') =>
  `attribute.${row.id}.${part}`;

export function emptyDraft(currency = 'EUR'): ProductDraft {
  return {
    sku: '',
    name: '',
    description: '',
    status: 'draft',
    categoryId: '',
    attributes: [],
    prices: [{ id: rowId(), currency, amount: '' }],
  };
}

export function draftFromProduct(product: Product): ProductDraft {
  return {
    sku: product.sku,
    name: product.name,
    description: product.description ?? '',
    status: product.status,
    categoryId: product.categoryId ?? '',
    attributes: Object.entries(product.attributes).map(([key, value]) => ({
      id: rowId(),
      key,
      value: String(value),
    })),
    prices: product.prices.map((price) => ({
      id: rowId(),
      currency: price.currency,
      amount: amountText(price),
    })),
  };
}

/** An attribute's text as the API takes it: numbers and true/false keep their type. */
export function attributeValue(text: string): AttributeValue {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(trimmed) && Number.isSafeInteger(Math.trunc(Number(trimmed))))
    return Number(trimmed);
  return trimmed;
}

/** The request body, or the form's own problems (nothing is sent while there are any). */
export function inputFromDraft(
  draft: ProductDraft,
):
  | { readonly input: ProductInput; readonly problems?: undefined }
  | { readonly problems: FieldErrors<DraftField> } {
  const m = messagesNow(editorMessages);
  const words = messagesNow(catalogWords);
  const problems: FieldErrors<DraftField> = {};
  if (!draft.sku.trim()) problems.sku = m.skuMissing;
  if (!draft.name.trim()) problems.name = m.nameMissing;

  const prices: { amountMinor: number; currency: string }[] = [];
  const currencies = new Set<string>();
  for (const row of draft.prices) {
    const currency = row.currency.trim().toUpperCase();
    if (!isCurrency(currency)) {
      problems[priceField(row, 'currency')] = words.currencyInvalid;
      continue;
    }
    if (currencies.has(currency)) problems[priceField(row, 'currency')] = m.priceTwice;
    currencies.add(currency);
    const parsed = parseAmount(row.amount, currency);
    if ('problem' in parsed) {
      problems[priceField(row, 'amount')] =
        parsed.problem === 'tooManyDecimals'
          ? words.amount.tooManyDecimals(currency, String(currencyExponent(currency)))
          : words.amount[parsed.problem];
      continue;
    }
    prices.push({ amountMinor: parsed.amountMinor, currency });
  }

  const attributes: Record<string, AttributeValue> = {};
  for (const row of draft.attributes) {
    const key = row.key.trim();
    if (!key && !row.value.trim()) continue;
    if (!key) problems[attributeField(row, 'key')] = m.attributeKeyMissing;
    else if (key in attributes) problems[attributeField(row, 'key')] = m.attributeKeyTwice;
    else attributes[key] = attributeValue(row.value);
  }

  if (Object.values(problems).some(Boolean)) return { problems };
  return {
    input: {
      sku: draft.sku.trim(),
      name: draft.name.trim(),
      description: draft.description.trim() || null,
      status: draft.status,
      categoryId: draft.categoryId || null,
      attributes,
      prices,
    },
  };
}

const topFields = ['sku', 'name', 'description', 'status', 'categoryId'] as const;

export interface PlacedRefusal {
  readonly fields: FieldErrors<DraftField>;
  /** What no field can show, as one message above the form. */
  readonly form: string | undefined;
  /** 409 on a stale version: someone else saved first; the editor offers to reload. */
  readonly conflict: boolean;
}

/**
 * A refusal of the product routes placed on the editor's fields. The server names fields as the
 * body has them (`body.` already dropped by ApiError): `sku`, `prices.1.amountMinor`,
 * `prices.1.currency`, `prices.1` (the row as a whole: on its amount), `attributes.colour`. The
 * price index is the row's place in the draft, as sent (every row is sent, in order).
 */
export function placeRefusal(error: unknown, draft: ProductDraft): PlacedRefusal {
  const m = messagesNow(editorMessages);
  if (!isApiError(error)) return { fields: {}, form: messageOf(error), conflict: false };
  if (error.status === 409 && error.code === 'CATALOG_SKU_TAKEN')
    return {
      fields: { sku: error.fieldMessage('sku') ? sentence(error.fieldMessage('sku') ?? '') : m.skuTaken },
      form: undefined,
      conflict: false,
    };
  if (error.status === 409) return { fields: {}, form: undefined, conflict: true };

  const fields: FieldErrors<DraftField> = {};
  const unplaced: string[] = [];
  for (const problem of error.fields) {
    const key = fieldOf(problem.field, draft);
    if (key && fields[key] === undefined) fields[key] = sentence(problem.message);
    else if (!key) unplaced.push(`${problem.field}: ${problem.message}`);
  }
  const placedAll = error.fields.length > 0 && unplaced.length === 0;
  return { fields, form: placedAll ? undefined : [error.message, ...unplaced].join(' '), conflict: false };
}

function fieldOf(field: string, draft: ProductDraft): DraftField | undefined {
  const top = topFields.find((f) => field === f || field.startsWith(`${f}.`));
  if (top) return top;
  const price = /^prices\.(\d+)(?:\.(\w+))?/.exec(field);
  if (price) {
    const row = draft.prices[Number(price[1])];
    if (!row) return undefined;
    return priceField(row, price[2] === 'currency' ? 'currency' : 'amount');
  }
  const attribute = /^attributes\.(.+)$/.exec(field);
  if (attribute) {
    const row = draft.attributes.find((a) => a.key.trim() === attribute[1]);
    return row ? attributeField(row, 'value') : undefined;
  }
  return undefined;
}
