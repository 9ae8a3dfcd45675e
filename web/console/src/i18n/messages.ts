import { currentLocale, useLocale, type Locale } from './locale';

/**
 * A message is a string, or a function of its parameters when it has any (plurals and numbers are
 * the function's business, with Intl.PluralRules / the format helpers).
 */
type Message = string | ((...args: never[]) => string);
export type MessageTree = { readonly [key: string]: Message | MessageTree };

/** The shape a translation must have: the same keys, the same parameters, any wording. */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer A) => string
      ? (...args: A) => string
      : Translation<T[K]>;
};

export type Catalogue<T extends MessageTree> = Readonly<Record<Locale, Translation<T>>>;

/**
 * A feature's messages in every language, English first:
 *
 *   export const callsMessages = defineMessages({ title: 'Calls', shown: (n: number) => `${n} calls` },
 *     { de: { title: 'Anrufe', shown: (n) => `${n} Anrufe` } });
 *
 * The type checker refuses a German catalogue that lacks a key or takes other parameters.
 */
export function defineMessages<T extends MessageTree>(
  en: T,
  others: { readonly [L in Exclude<Locale, 'en'>]: Translation<T> },
): Catalogue<T> {
  // English is its own translation; the checker cannot see through the mapped type for a generic T.
  return { en: en as unknown as Translation<T>, ...others };
}

/** The catalogue in the user's language; the component re-renders when the language changes. */
export function useMessages<T extends MessageTree>(catalogue: Catalogue<T>): Translation<T> {
  return catalogue[useLocale()];
}

/** Outside React (toasts fired from plain functions, document titles). */
export function messagesNow<T extends MessageTree>(catalogue: Catalogue<T>): Translation<T> {
  return catalogue[currentLocale()];
}
