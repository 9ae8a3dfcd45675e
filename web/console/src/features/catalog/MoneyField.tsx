import { TextField } from '@/kit/Field';
import { formatMoney, isCurrency, parseAmount } from './money';

/**
 * An amount in one currency, typed as text. The text is the state; the integer minor units are
 * read from it exactly (`parseAmount`) when the form is sent. While the text reads as an amount,
 * the hint shows it as it will be stored ("= €1,234.50"), so a decimal comma or a grouping mark
 * can be checked before saving.
 */
export function MoneyField({
  label,
  currency,
  value,
  onChange,
  error,
  id,
}: {
  readonly label: string;
  readonly currency: string;
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly error?: string | undefined;
  readonly id?: string;
}) {
  const code = currency.trim().toUpperCase();
  const parsed = isCurrency(code) && value.trim() ? parseAmount(value, code) : undefined;
  const reading =
    parsed && 'amountMinor' in parsed
      ? formatMoney({ amountMinor: parsed.amountMinor, currency: code })
      : undefined;
  return (
    <TextField
      {...(id ? { id } : {})}
      label={label}
      inputMode="decimal"
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      hint={reading ? `= ${reading}` : undefined}
      className="input--mono"
    />
  );
}
