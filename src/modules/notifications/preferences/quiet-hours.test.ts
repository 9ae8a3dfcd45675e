import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours.js';

describe('quiet hours', () => {
  const night = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };
  it('defers to the end of a window that crosses midnight, in the time zone', () => {
    // 23:30 in Berlin (CET, UTC+1) → 07:00 Berlin = 06:00Z next day
    expect(quietUntil(new Date('2025-01-10T22:30:00Z'), night)?.toISOString()).toBe(
      '2025-01-11T06:00:00.000Z',
    );
    // 03:15 Berlin
    expect(quietUntil(new Date('2025-01-11T02:15:00Z'), night)?.toISOString()).toBe(
      '2025-01-11T06:00:00.000Z',
    );
  });
  it('lets everything through outside the window', () => {
    expect(quietUntil(new Date('2025-01-10T12:00:00Z'), night)).toBeNull();
    expect(quietUntil(new Date('2025-01-10T12:00:00Z'), { ...night, end: '22:00' })).toBeNull();
  });
  it('counts a daylight-saving change inside the window', () => {
    // Night of 29→30 March 2025: Berlin moves from UTC+1 to UTC+2; 07:00 local = 05:00Z
    expect(quietUntil(new Date('2025-03-29T23:00:00Z'), night)?.toISOString()).toBe(
      '2025-03-30T05:00:00.000Z',
    );
  });
});
