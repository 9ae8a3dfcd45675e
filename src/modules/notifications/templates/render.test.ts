import { describe, expect, it } from 'vitest';
import { languageChain, renderTemplate } from './render.js';
import { defaultTemplate, builtInTypes } from './default-templates.js';

describe('templates', () => {
  it('fills variables and drops unknown ones', () => {
    expect(renderTemplate('Order {{ orderNumber }} {{nope}}!', { orderNumber: 'SB-1' })).toBe('Order SB-1 !');
  });
  it('falls back from a regional language to its base, then English', () => {
    expect(languageChain('de-AT')).toEqual(['de-at', 'de', 'en']);
    expect(languageChain(null)).toEqual(['en']);
  });
  it('ships an English default for every built-in type and channel', () => {
    for (const type of builtInTypes)
      for (const channel of ['in_app', 'email', 'sms'] as const)
        expect(defaultTemplate(type, channel, 'en'), `${type}/${channel}`).toBeDefined();
  });
});
