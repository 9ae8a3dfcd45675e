import { formattingLocale } from '@/i18n';

/*
 * The server sends quantities, prices and costs as exact decimal strings; they become numbers only
 * here, to be shown (six decimals at most, well inside a float's precision at these magnitudes).
 */

/** "1234.5" → "1,234.5" in the reader's language. */
export function formatQuantity(value: string): string {
  return new Intl.NumberFormat(formattingLocale(), { maximumFractionDigits: 6 }).format(Number(value));
}

/** "1.553" EUR → "€1.553"; without a currency (no price list yet) the plain number. */
export function formatAmount(value: string, currency: string | null): string {
  const locale = formattingLocale();
  if (!currency)
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(
      Number(value),
    );
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 6 }).format(
      Number(value),
    );
  } catch {
    return `${value} ${currency}`;
  }
}
