import { defineMessages } from '@/i18n';

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

/** The calls list: its table, filters and saved views. */
export const callListMessages = defineMessages(
  {
    caption: 'Calls',
    captionFiltered: 'Calls matching the filters',
    columns: {
      started: 'Started',
      from: 'From',
      to: 'To',
      outcome: 'Outcome',
      duration: 'Duration',
      agent: 'Agent / queue',
      source: 'Source',
    },
    talk: (duration: string) => `${duration} talk`,
    loading: 'Loading calls',
    failed: 'Calls could not be loaded',
    shown: (shown: string, n: number) => `${shown} ${plural(n, 'call', 'calls')} shown`,
    shownOf: (shown: string, total: string) => `${shown} of ${total} calls`,
    filters: {
      label: 'Filter calls',
      names: 'Names',
      namesPlaceholder: 'Whole words: zoe muller',
      namesHint: 'Finds callers, callees and agents whose names contain all these whole words.',
      number: 'Number',
      longerThan: 'Longer than (min)',
      minutesNotANumber: 'Give minutes as a number, such as 2 or 1.5.',
      minutesRange: 'Give minutes between 0 and 10,080 (a week).',
      apply: 'Apply',
      clear: 'Clear filters',
      notApplied: 'The filters were not applied: see the marked fields.',
    },
  },
  {
    de: {
      caption: 'Anrufe',
      captionFiltered: 'Anrufe, die den Filtern entsprechen',
      columns: {
        started: 'Beginn',
        from: 'Von',
        to: 'An',
        outcome: 'Ergebnis',
        duration: 'Dauer',
        agent: 'Agent / Warteschlange',
        source: 'Quelle',
      },
      talk: (duration) => `${duration} Gespräch`,
      loading: 'Anrufe werden geladen',
      failed: 'Die Anrufe konnten nicht geladen werden',
      shown: (shown, n) => `${shown} ${plural(n, 'Anruf', 'Anrufe')} angezeigt`,
      shownOf: (shown, total) => `${shown} von ${total} Anrufen`,
      filters: {
        label: 'Anrufe filtern',
        names: 'Namen',
        namesPlaceholder: 'Ganze Wörter: zoe muller',
        namesHint: 'Findet Anrufer, Angerufene und Agenten, deren Namen all diese ganzen Wörter enthalten.',
        number: 'Nummer',
        longerThan: 'Länger als (Min.)',
        minutesNotANumber: 'Geben Sie Minuten als Zahl an, etwa 2 oder 1,5.',
        minutesRange: 'Geben Sie Minuten zwischen 0 und 10.080 (eine Woche) an.',
        apply: 'Anwenden',
        clear: 'Filter zurücksetzen',
        notApplied: 'Die Filter wurden nicht angewendet: siehe die markierten Felder.',
      },
    },
  },
);
