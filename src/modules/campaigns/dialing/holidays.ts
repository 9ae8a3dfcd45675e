/**
 * Public holidays on which a region's rules forbid calling, as data for a fixed span of years.
 * Outside the span the pre-dial check refuses (`no_holiday_data`) rather than guess: extending a
 * calendar is a deliberate act, reviewed like any other rule change.
 *
 * Only regions whose rules ban calls on holidays need a calendar; see rule-sets.ts.
 */
import { epochDay } from './local-time.js';

export interface HolidayCalendar {
  /** First and last year (inclusive) the calendar covers. */
  readonly fromYear: number;
  readonly toYear: number;
  /** Epoch days of 1 January of `fromYear` and 31 December of `toYear`: the span covered. */
  readonly firstDay: number;
  readonly lastDay: number;
  /** Epoch days (days since 1970-01-01) of every holiday in the span, as observed. */
  readonly days: ReadonlySet<number>;
  /** Names by epoch day, for the detail of a refusal. */
  readonly names: ReadonlyMap<number, string>;
}

export const HOLIDAY_YEARS = { from: 2025, to: 2030 } as const;

/** The n-th (1-based) `weekday` (0 = Sunday) of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = epochDay(year, month, 1);
    const firstWeekday = (((first + 4) % 7) + 7) % 7;
    return first + ((weekday - firstWeekday + 7) % 7) + (n - 1) * 7;
  }
  const last = epochDay(year, month + 1, 1) - 1;
  const lastWeekday = (((last + 4) % 7) + 7) % 7;
  return last - ((lastWeekday - weekday + 7) % 7);
}

type HolidayRule =
  | { readonly name: string; readonly month: number; readonly day: number }
  | { readonly name: string; readonly month: number; readonly weekday: number; readonly nth: number };

/**
 * Alabama's state holidays, Ala. Code § 1-3-8 (as listed by Alabama Media Group, al.com, 2019:
 * https://www.al.com/news/2019/06/jefferson-davis-holiday-2019-how-many-confederate-holidays-does-alabama-have.html).
 * A fixed-date holiday that falls on a Sunday is observed on the Monday, on a Saturday on the
 * Friday (Ala. Code § 1-3-8(a), as summarised by ClickPoint:
 * https://leadmanagerhelp.clickpointsoftware.com/en/articles/5753977-state-calling-hours).
 * Not modelled: Mardi Gras (a holiday only in Baldwin and Mobile counties; the rule set works per
 * state) and days the governor proclaims in a given year.
 */
const ALABAMA: readonly HolidayRule[] = [
  { name: "New Year's Day", month: 1, day: 1 },
  { name: 'Robert E. Lee / Martin Luther King Jr. birthday', month: 1, weekday: 1, nth: 3 },
  { name: 'George Washington / Thomas Jefferson birthday', month: 2, weekday: 1, nth: 3 },
  { name: 'Confederate Memorial Day', month: 4, weekday: 1, nth: 4 },
  { name: 'National Memorial Day', month: 5, weekday: 1, nth: -1 },
  { name: 'Jefferson Davis birthday', month: 6, weekday: 1, nth: 1 },
  { name: 'Independence Day', month: 7, day: 4 },
  { name: 'Labor Day', month: 9, weekday: 1, nth: 1 },
  { name: 'Columbus Day / American Indian Heritage Day', month: 10, weekday: 1, nth: 2 },
  { name: 'Veterans Day', month: 11, day: 11 },
  { name: 'Thanksgiving Day', month: 11, weekday: 4, nth: 4 },
  { name: 'Christmas Day', month: 12, day: 25 },
];

function buildCalendar(rules: readonly HolidayRule[], fromYear: number, toYear: number): HolidayCalendar {
  const names = new Map<number, string>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const rule of rules) {
      let day: number;
      if ('day' in rule) {
        day = epochDay(year, rule.month, rule.day);
        const weekday = (((day + 4) % 7) + 7) % 7;
        if (weekday === 0) day += 1;
        else if (weekday === 6) day -= 1;
      } else {
        day = nthWeekday(year, rule.month, rule.weekday, rule.nth);
      }
      names.set(day, rule.name);
    }
  }
  return {
    fromYear,
    toYear,
    firstDay: epochDay(fromYear, 1, 1),
    lastDay: epochDay(toYear, 12, 31),
    days: new Set(names.keys()),
    names,
  };
}

export const ALABAMA_HOLIDAYS: HolidayCalendar = buildCalendar(ALABAMA, HOLIDAY_YEARS.from, HOLIDAY_YEARS.to);
