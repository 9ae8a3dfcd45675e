import { useSyncExternalStore } from 'react';

/**
 * The console's languages. English is the source; every other language is one catalogue file per
 * feature (`*.messages.ts`) that the type checker holds to the English shape, so a missing or
 * misspelt message fails the build rather than showing a key.
 */
export const locales = ['en', 'de'] as const;
export type Locale = (typeof locales)[number];

export const localeNames: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

const storageKey = 'switchboard.locale';
const listeners = new Set<() => void>();

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The user's choice if they made one, else the first browser language we speak, else English. */
function detect(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLocale(stored)) return stored;
  } catch {
    // storage blocked: fall through to the browser's languages
  }
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

let current: Locale = detect();
// Screen readers, hyphenation and the browser's own controls follow the page's language from the first paint.
document.documentElement.lang = current;

export function currentLocale(): Locale {
  return current;
}

/**
 * The locale Intl formats dates and numbers with: the browser's own tag when it is a variant of the
 * chosen language (de-AT, en-GB keep their conventions), else the chosen language itself.
 */
export function formattingLocale(): string {
  const browser = navigator.language;
  if (browser.toLowerCase().split('-')[0] === current) return browser;
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // the choice lasts for this page only
  }
  document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the caller when the language changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, currentLocale, currentLocale);
}
