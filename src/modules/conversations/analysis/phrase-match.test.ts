import { describe, expect, it } from 'vitest';
import { compilePhrase, matchTokens, PhraseSet, PhraseSyntaxError, stem } from './phrase-match.js';

const find = (phrase: string, text: string) =>
  new PhraseSet(compilePhrase(phrase, phrase)).findAll(matchTokens(text)).map((m) => ({
    quote: text.slice(m.charStart, m.charEnd),
    negated: m.negated,
  }));

describe('phrase matching', () => {
  it('ignores case and punctuation and quotes the words as written', () => {
    expect(find('take me off your list', 'OK... TAKE me, off your list!!')).toEqual([
      { quote: 'TAKE me, off your list', negated: false },
    ]);
  });

  it('reads contractions both ways, curly apostrophes and missing ones included', () => {
    expect(find('do not call me', 'Don’t call me')).toHaveLength(1);
    expect(find("don't call me", 'do not call me')).toHaveLength(1);
    expect(find('do not call me', 'dont call me')).toHaveLength(1);
    expect(find('we will call you back', "We'll call you back")).toHaveLength(1);
    expect(find('i am leaving', "I'm leaving")).toHaveLength(1);
    expect(find('will not', "won't")).toHaveLength(1);
  });

  it('matches simple inflections of the same word', () => {
    for (const text of ['cancel it', 'cancelled it', 'cancelling it', 'cancels it', 'canceled it']) {
      expect(find('cancel it', text), text).toHaveLength(1);
    }
    expect(stem('agreed')).toBe(stem('agree'));
    expect(stem('closes')).toBe(stem('close'));
    expect(stem('calling')).toBe(stem('calls'));
    expect(stem('paid')).toBe(stem('pay'));
  });

  it('a word! takes every form but the past', () => {
    expect(find('cancel! my order', "I'm cancelling my order")).toHaveLength(1);
    expect(find('cancel! my order', 'I cancelled my order')).toHaveLength(0);
  });

  it('gaps take up to their size in words, never across a sentence end', () => {
    expect(find('take * off * list', 'take my number off the calling list')).toHaveLength(1);
    expect(find('take *1 off list', 'take my phone number off list')).toHaveLength(0);
    expect(find('take * off', 'I will take. The rest off')).toHaveLength(0);
  });

  it('optional words and alternatives', () => {
    expect(find('call|ring me back?', 'ring me')).toHaveLength(1);
    expect(find('call|ring me back?', 'call me back').map((m) => m.quote)).toContain('call me back');
  });

  it('flags a negator in the few words before, but not across a comma or "but"', () => {
    expect(find('want to cancel', "I don't want to cancel")[0]?.negated).toBe(true);
    expect(find('want to cancel', 'I never really want to cancel')[0]?.negated).toBe(true);
    expect(find('want to cancel', 'No, I want to cancel')[0]?.negated).toBe(false);
    expect(find('want to cancel', "It's not the price but I want to cancel")[0]?.negated).toBe(false);
    expect(find('want to cancel', 'not that I ever said I want to cancel')[0]?.negated).toBe(false);
    expect(find('i will * pay', 'I will not pay')[0]?.negated).toBe(true);
  });

  it('keeps redaction tokens whole', () => {
    const tokens = matchTokens('my card is [CARD_NUMBER], thanks');
    expect(tokens.map((t) => t.norm)).toEqual(['my', 'card', 'is', '[CARD_NUMBER]', 'thanks']);
  });

  it('refuses a phrase without a word and an alternative of two words', () => {
    expect(() => compilePhrase('!!! ?', null)).toThrow(PhraseSyntaxError);
    expect(() => compilePhrase('*', null)).toThrow(PhraseSyntaxError);
    expect(() => compilePhrase("can't|will", null)).toThrow(PhraseSyntaxError);
  });
});
