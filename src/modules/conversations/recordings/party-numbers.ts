import { indexPurposes } from '../sealing.js';

/*
 * Party numbers as the blind index compares them: an E.164 number when the text reads as one
 * (spaces, dashes, dots and brackets ignored), else the address trimmed and lower-cased
 * (extensions, SIP URIs). National numbers are not read in a country: "030 1234567" is an address.
 */

export interface NumberTerm {
  readonly purpose: string;
  readonly value: string;
}

const e164Shape = /^\+[1-9]\d{6,14}$/;

export function numberTerm(input: string): NumberTerm | undefined {
  const trimmed = input.trim();
  const compact = trimmed.replace(/^(?:tel:)/i, '').replace(/[\s().-]/g, '');
  if (e164Shape.test(compact)) return { purpose: indexPurposes.e164, value: compact };
  const address = trimmed.toLowerCase();
  return address === '' ? undefined : { purpose: indexPurposes.address, value: address };
}

export function normaliseAgentKey(agent: {
  id?: string | undefined;
  name?: string | undefined;
}): string | null {
  const key = (agent.id ?? agent.name ?? '').trim().toLowerCase();
  return key === '' ? null : key;
}
