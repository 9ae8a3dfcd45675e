import { afterEach, describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { defineMessages, setLocale, useMessages } from '.';

const catalogue = defineMessages(
  { title: 'Calls', shown: (count: number) => `${count} calls`, nested: { empty: 'No calls yet' } },
  { de: { title: 'Anrufe', shown: (count) => `${count} Anrufe`, nested: { empty: 'Noch keine Anrufe' } } },
);

describe('messages', () => {
  afterEach(() => setLocale('en'));

  it('answers in the chosen language and re-renders when it changes', () => {
    setLocale('en');
    const { result } = renderHook(() => useMessages(catalogue));
    expect(result.current.title).toBe('Calls');
    expect(result.current.shown(3)).toBe('3 calls');
    act(() => setLocale('de'));
    expect(result.current.title).toBe('Anrufe');
    expect(result.current.nested.empty).toBe('Noch keine Anrufe');
    expect(document.documentElement.lang).toBe('de');
  });
});
