import { defineMessages } from '@/i18n';
import { formatNumber } from './format';

/** Words the form kit itself says: the "optional" mark, character counts, limit refusals. */
export const formMessages = defineMessages(
  {
    optional: '(optional)',
    charactersLeft: (left: number) =>
      left === 1 ? '1 character left' : `${formatNumber(left)} characters left`,
    charactersOver: (over: number) =>
      over === 1 ? '1 character too many' : `${formatNumber(over)} characters too many`,
    tooLong: (max: number, length: number) =>
      `Shorten it to ${formatNumber(max)} characters or fewer: it has ${formatNumber(length)}.`,
    tooMany: (max: number) => `Choose at most ${formatNumber(max)}.`,
    tooFew: (min: number) => (min === 1 ? 'Choose at least one.' : `Choose at least ${formatNumber(min)}.`),
  },
  {
    de: {
      optional: '(optional)',
      charactersLeft: (left) => (left === 1 ? 'Noch 1 Zeichen' : `Noch ${formatNumber(left)} Zeichen`),
      charactersOver: (over) => (over === 1 ? '1 Zeichen zu viel' : `${formatNumber(over)} Zeichen zu viel`),
      tooLong: (max, length) =>
        `Kürzen Sie auf höchstens ${formatNumber(max)} Zeichen: Es sind ${formatNumber(length)}.`,
      tooMany: (max) => `Wählen Sie höchstens ${formatNumber(max)}.`,
      tooFew: (min) =>
        min === 1 ? 'Wählen Sie mindestens eines.' : `Wählen Sie mindestens ${formatNumber(min)}.`,
    },
  },
);
