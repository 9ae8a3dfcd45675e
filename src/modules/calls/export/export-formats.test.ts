import { describe, expect, it } from 'vitest';
import { csvField } from './export-formats.js';

describe('csvField', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvField('Müller, "Max"')).toBe('"Müller, ""Max"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('defuses text a spreadsheet would run as a formula, but leaves phone numbers alone', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+1+cmd|x')).toBe("'+1+cmd|x");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('+49 (30) 123-456')).toBe('+49 (30) 123-456');
    expect(csvField('-5')).toBe('-5');
  });
});
