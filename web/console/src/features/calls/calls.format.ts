import type { BadgeTone } from '@/kit/Badge';
import { formatNumber } from '@/kit/format';
import type { CallDirection, CallDisposition, CallSource } from './calls.search';

/** How the console names what the API spells as identifiers. */
export const sourceLabels: Readonly<Record<CallSource, string>> = {
  teams: 'Microsoft Teams',
  twilio: 'Twilio',
  asterisk: 'Asterisk',
  freeswitch: 'FreeSWITCH',
  '3cx': '3CX',
  cucm: 'Cisco CUCM',
  connect: 'Amazon Connect',
  genesys: 'Genesys Cloud',
  sbc: 'SBC (Kamailio)',
  vcon: 'vCon',
  generic: 'Generic',
};

export const directionLabels: Readonly<Record<CallDirection, string>> = {
  inbound: 'Inbound',
  outbound: 'Outbound',
  internal: 'Internal',
  unknown: 'Unknown direction',
};

export const dispositionLabels: Readonly<Record<CallDisposition, string>> = {
  answered: 'Answered',
  no_answer: 'No answer',
  busy: 'Busy',
  failed: 'Failed',
  cancelled: 'Abandoned',
  voicemail: 'Voicemail',
};

export const dispositionTones: Readonly<Record<CallDisposition, BadgeTone>> = {
  answered: 'success',
  no_answer: 'warning',
  busy: 'warning',
  failed: 'danger',
  cancelled: 'danger',
  voicemail: 'info',
};

const lookup = <K extends string>(
  labels: Readonly<Record<K, string>>,
  value: string | null | undefined,
  fallback: string,
): string => (value && value in labels ? labels[value as K] : (value ?? fallback));

export const sourceLabel = (value: string | null | undefined) =>
  lookup(sourceLabels, value, 'Unknown source');
export const directionLabel = (value: string | null | undefined) =>
  lookup(directionLabels, value, 'Unknown direction');
export const dispositionLabel = (value: string | null | undefined) =>
  lookup(dispositionLabels, value, 'In progress');

export function dispositionTone(value: string | null | undefined): BadgeTone {
  return value && value in dispositionTones ? dispositionTones[value as CallDisposition] : 'neutral';
}

export { formatDuration, formatRatio } from '@/kit/format';

const spokenUnits = (['hour', 'minute', 'second'] as const).map(
  (unit) => [unit, new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'long' })] as const,
);
const spokenList = new Intl.ListFormat(undefined, { style: 'long', type: 'unit' });

/** "1 minute, 5 seconds": a length in words, in the reader's language, for screen readers. */
export function formatDurationWords(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return 'unknown';
  const total = Math.max(0, Math.round(seconds));
  const parts = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const words = spokenUnits.flatMap(([, format], index) =>
    (parts[index] ?? 0) > 0 ? [format.format(parts[index] ?? 0)] : [],
  );
  return words.length > 0 ? spokenList.format(words) : (spokenUnits[2]?.[1].format(0) ?? '0');
}

const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function formatDecimal(value: number | null | undefined, unit = ''): string {
  return value === null || value === undefined ? '—' : `${decimal.format(value)}${unit}`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${decimal.format(bytes / 1024)} KB`;
  return `${decimal.format(bytes / 1024 / 1024)} MB`;
}

export interface PartyLike {
  readonly raw: string | null;
  readonly e164: string | null;
  readonly displayName: string | null;
}

/** The number (E.164 when known, else the address as the source wrote it). */
export function partyAddress(party: PartyLike): string {
  return party.e164 ?? party.raw ?? 'Unknown';
}

/** What to call a party in one line: its name, else its number. */
export function partyLabel(party: PartyLike): string {
  return party.displayName?.trim() || partyAddress(party);
}

/** A payload as text, pretty-printed when it is JSON. */
export function prettyPayload(text: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(text) as unknown, null, 2), json: true };
  } catch {
    return { text, json: false };
  }
}
