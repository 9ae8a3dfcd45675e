import { describe, expect, it } from 'vitest';
import { leg, normalisedCall, party } from '../testing/call-record.fixtures.js';
import { agentKeyOf, nameTermsOf, nameWords, numberQueryTerm, numberTermsOf } from './search-terms.js';

describe('number terms', () => {
  it('indexes every party of every leg once, by E.164 and by the raw address', () => {
    const call = normalisedCall({
      from: party('004930111111', '+4930111111'),
      to: party('+4930222222', '+4930222222'),
      legs: [
        leg('a', { from: party('004930111111', '+4930111111'), to: party('SIP:1001@pbx.example', null) }),
      ],
    });
    expect(numberTermsOf(call)).toEqual([
      { purpose: 'phone', value: '+4930111111' },
      { purpose: 'call.address', value: '004930111111' },
      { purpose: 'phone', value: '+4930222222' },
      { purpose: 'call.address', value: 'sip:1001@pbx.example' },
    ]);
  });

  it('treats an E.164-shaped raw value the numbering plan rejects as a number', () => {
    const call = normalisedCall({ from: party('+19999999999', null), to: party('1001', null), legs: [] });
    expect(numberTermsOf(call)).toEqual([
      { purpose: 'phone', value: '+19999999999' },
      { purpose: 'call.address', value: '1001' },
    ]);
  });

  it('reads a search for a formatted international number as E.164, anything else as an address', () => {
    expect(numberQueryTerm(' +49 (30) 111-111 ')).toEqual({ purpose: 'phone', value: '+4930111111' });
    expect(numberQueryTerm('1001')).toEqual({ purpose: 'call.address', value: '1001' });
    expect(numberQueryTerm('Bob@Example.com')).toEqual({ purpose: 'call.address', value: 'bob@example.com' });
    expect(numberQueryTerm('   ')).toBeUndefined();
  });
});

describe('name terms', () => {
  it('folds case and accents and drops single letters', () => {
    expect(nameWords('Zoë  O’Brien-Müller, J.')).toEqual(['zoe', 'brien', 'muller']);
  });

  it('collects the names of parties on all legs and of the agent', () => {
    const call = normalisedCall({
      from: party('1', null, 'Alice Caller'),
      to: party('2', null, null),
      agent: { id: 'a1', name: 'Bob Agent' },
      legs: [leg('x', { to: party('3', null, 'Carol Caller') })],
    });
    expect(nameTermsOf(call)).toEqual(['alice', 'caller', 'carol', 'bob', 'agent']);
  });
});

describe('agent key', () => {
  it('is the id, else the name, compared without case', () => {
    expect(agentKeyOf({ id: ' Agent.One@Contoso.com ', name: 'A' })).toBe('agent.one@contoso.com');
    expect(agentKeyOf({ id: null, name: 'Desk 4' })).toBe('desk 4');
    expect(agentKeyOf({ id: null, name: null })).toBeNull();
    expect(agentKeyOf(null)).toBeNull();
  });
});
