import { describe, expect, it } from 'vitest';
import { filenameFrom } from './download';

describe('filenameFrom', () => {
  it('reads the name a server suggests, plain or encoded, and never a path', () => {
    expect(filenameFrom('attachment; filename="calls-2024-01-27T150724.csv"')).toBe(
      'calls-2024-01-27T150724.csv',
    );
    expect(filenameFrom("attachment; filename*=UTF-8''Anrufe%20M%C3%A4rz.csv")).toBe('Anrufe März.csv');
    expect(filenameFrom('attachment; filename="../../etc/passwd"')).toBe('.._.._etc_passwd');
    expect(filenameFrom('attachment')).toBeUndefined();
    expect(filenameFrom(null)).toBeUndefined();
  });
});
