import { afterEach, describe, expect, it } from 'vitest';
import { emptyForm, inputOf, localInputOf, offsetInstantOf } from './campaign-form';

const zone = process.env.TZ;

describe('campaign form: schedule and priority', () => {
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('sends a typed start with the browser’s offset on that day, summer or winter', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(offsetInstantOf('2026-12-24T10:30')).toBe('2026-12-24T10:30:00+01:00');
    expect(offsetInstantOf('2026-07-01T08:00')).toBe('2026-07-01T08:00:00+02:00');
    process.env.TZ = 'America/St_Johns';
    expect(offsetInstantOf('2026-12-24T10:30')).toBe('2026-12-24T10:30:00-03:30');
    expect(offsetInstantOf('24.12.2026 10:30')).toBeUndefined();
  });

  it('shows a stored instant in the browser’s zone', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(localInputOf('2026-12-24T09:30:00.000Z')).toBe('2026-12-24T10:30');
    expect(localInputOf(null)).toBe('');
  });

  it('names the field: an end before the start, a priority out of range or not whole', () => {
    const form = {
      ...emptyForm(),
      startsAt: '2026-12-24T10:30',
      endsAt: '2026-12-24T10:00',
      priority: '101',
    };
    expect(inputOf(form).problems).toMatchObject({ endsAt: 'endsBeforeStart', priority: 'priorityRange' });
    expect(inputOf({ ...form, priority: '2.5' }).problems.priority).toBe('wholeNumber');
    expect(inputOf({ ...form, startsAt: 'soon' }).problems.startsAt).toBe('notADate');
  });

  it('sends no bounds as null (an edit clears them) and the priority as a number', () => {
    const { input } = inputOf({ ...emptyForm(), priority: '-20' });
    expect(input).toMatchObject({ startsAt: null, endsAt: null, priority: -20 });
  });
});
