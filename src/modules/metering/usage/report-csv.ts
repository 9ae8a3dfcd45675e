import type { UsageLine, UsagePeriod } from '../contract.js';

/*
 * The cost-allocation report as CSV (RFC 4180: CRLF line ends, fields with a comma, a quote or a
 * line break quoted, quotes doubled). Text a spreadsheet would run as a formula (=, +, -, @, a tab
 * or a carriage return first) gets a leading apostrophe: the tenant's name is typed by a person.
 * Quantities, prices and costs are plain decimals with a point, whatever the reader's locale.
 */

export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const reportHeader = [
  'tenant_id',
  'tenant_name',
  'period_start',
  'period_end',
  'meter',
  'area',
  'module',
  'quantity',
  'unit',
  'unit_price',
  'currency',
  'cost',
] as const;

export function reportCsv(
  tenant: { readonly id: string; readonly name: string },
  period: UsagePeriod,
  currency: string | null,
  lines: readonly UsageLine[],
): string {
  const rows = lines.map((line) => [
    tenant.id,
    tenant.name,
    period.from,
    period.to,
    line.meter,
    line.area ?? '',
    line.module,
    line.quantity,
    line.unit,
    line.unitPrice,
    currency ?? '',
    line.cost,
  ]);
  return [reportHeader, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
