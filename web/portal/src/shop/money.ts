import { formattingLocale } from '@/i18n';
import type { Money } from '@portal/api/portal-api';

const digitsOf = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** €12.50 from {amountMinor: 1250, currency: 'EUR'}, in the reader's conventions. */
export function formatMoney(money: Money): string {
  const digits = digitsOf(money.currency);
  return new Intl.NumberFormat(formattingLocale(), { style: 'currency', currency: money.currency }).format(
    money.amountMinor / 10 ** digits,
  );
}

/** Minor units from what a person typed as a price ("12,50" → 1250); undefined when empty, NaN when no number. */
export function minorOf(text: string, currency: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? Math.round(value * 10 ** digitsOf(currency)) : Number.NaN;
}
