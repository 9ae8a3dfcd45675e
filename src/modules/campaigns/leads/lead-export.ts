/*
 * CSV cells that a spreadsheet opens as text, never as a formula (OWASP "CSV injection"): a cell
 * that starts with =, +, -, @, a tab or a carriage return (or =, +, -, @ after spaces) gets a leading apostrophe, which Excel,
 * LibreOffice and Google Sheets show as text and do not evaluate. E.164 numbers start with + and
 * are prefixed too: the rule is applied to every cell, with no exceptions to reason about.
 */

// Leading spaces too: some spreadsheets trim them before they look for a formula.
const formulaStart = /^(?:[\t\r]|\s*[=+\-@])/;

export function neutralise(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** One RFC 4180 line (CRLF), every cell neutralised and quoted when it must be. */
export function csvLine(cells: readonly string[]): string {
  return `${cells
    .map((cell) => {
      const safe = neutralise(cell);
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',')}\r\n`;
}
