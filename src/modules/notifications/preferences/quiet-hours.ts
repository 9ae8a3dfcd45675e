import type { QuietHours } from '../contract.js';

const minutesOf = (hhmm: string) => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** Local wall-clock minutes since midnight and the UTC offset (minutes) of `at` in `timeZone`. */
function localParts(at: Date, timeZone: string): { minutes: number; seconds: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return { minutes: get('hour') * 60 + get('minute'), seconds: get('second') };
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * When the quiet window that `at` falls in ends, or null when `at` is outside it. A window may
 * cross midnight (22:00–07:00); start = end means no window. Computed by stepping over the
 * remaining local minutes, so a daylight-saving change inside the window is counted right.
 */
export function quietUntil(at: Date, quiet: QuietHours): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const { minutes, seconds } = localParts(at, quiet.timeZone);
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return null;
  const remaining = (end - minutes + 24 * 60) % (24 * 60);
  const candidate = new Date(at.getTime() + remaining * 60_000 - seconds * 1000 - at.getMilliseconds());
  // Across a DST change the local end moved by the shift: correct by what the clock actually shows.
  const shown = localParts(candidate, quiet.timeZone).minutes;
  const drift = ((shown - end + 36 * 60) % (24 * 60)) - 12 * 60;
  return new Date(candidate.getTime() - drift * 60_000);
}
