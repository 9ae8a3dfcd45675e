/**
 * Where a command prints. Commands write through this rather than `console.log` so that tests can
 * run the same action in-process and read what a person would have seen.
 */
export interface CliOutput {
  /** A terminal: progress is drawn as a bar; otherwise it is printed as plain lines. */
  readonly isTTY: boolean;
  /** What a progress bar draws on. */
  readonly stream: NodeJS.WritableStream;
  line(text: string): void;
}

export const stdoutOutput: CliOutput = {
  get isTTY() {
    return process.stdout.isTTY;
  },
  stream: process.stdout,
  line: (text) => {
    process.stdout.write(`${text}\n`);
  },
};

/** A value from the database as one harmless line: control characters (escape sequences) shown as U+FFFD. */
export function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Formats rows as aligned columns (the header first). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => printable(r[i] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map((r) => format(r.map(printable)))];
}
