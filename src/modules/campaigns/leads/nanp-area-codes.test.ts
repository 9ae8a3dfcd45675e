import { describe, expect, it } from 'vitest';
import { isIanaZone } from './lead-time-zones.js';
import { nanpAreaCodeZones } from './nanp-area-codes.js';

describe('NANP area codes to time zones (generated from Google libphonenumber)', () => {
  it('has every entry as a three-digit area code with known IANA zones', () => {
    const entries = Object.entries(nanpAreaCodeZones);
    expect(entries.length).toBeGreaterThan(400);
    for (const [code, zones] of entries) {
      expect(code).toMatch(/^[2-9]\d{2}$/);
      expect(zones.length).toBeGreaterThan(0);
      for (const zone of zones) expect(isIanaZone(zone), `${code}: ${zone}`).toBe(true);
    }
  });

  it('places well-known area codes, and lists every zone of a split one', () => {
    expect(nanpAreaCodeZones['212']).toEqual(['America/New_York']);
    expect(nanpAreaCodeZones['213']).toEqual(['America/Los_Angeles']);
    expect(nanpAreaCodeZones['808']).toEqual(['Pacific/Honolulu']);
    expect(nanpAreaCodeZones['416']).toEqual(['America/Toronto']);
    // Kentucky's 270: Eastern, with exchanges in Central time.
    expect(nanpAreaCodeZones['270']).toEqual(['America/New_York', 'America/Chicago']);
  });
});
