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
      numberPlaceholder: '+4930123456 or 1001',
      longerThan: 'Longer than (min)',
      minutesNotANumber: 'Give minutes as a number, such as 2 or 1.5.',
      minutesRange: 'Give minutes between 0 and 10,080 (a week).',
      source: 'Source',
      allSources: 'All sources',
      direction: 'Direction',
      anyDirection: 'Any direction',
      outcome: 'Outcome',
      anyOutcome: 'Any outcome',
      agent: 'Agent',
      agentPlaceholder: 'Agent id',
      queue: 'Queue',
      queuePlaceholder: 'Queue id',
    },
    page: {
      eyebrow: 'Calls',
      title: 'Calls',
      description:
        'Every call your connected systems reported. New calls are announced while the page is open.',
    },
    empty: {
      filtered: 'No call matches',
      filteredText:
        'Names match whole words only, and numbers whole numbers (“+4930123456”, not “30123”). Widen the dates or remove a filter.',
      clear: 'Clear filters',
      none: 'No calls yet',
      noneText:
        'Calls appear here as your phone systems and contact-centre platforms send their records, with an API key that has the calls:ingest scope.',
    },
    live: {
      fresh: (count: string, n: number, more: boolean) =>
        more ? `More than ${count} new calls` : `${count} new ${plural(n, 'call', 'calls')}`,
      show: 'Show',
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
        numberPlaceholder: '+4930123456 oder 1001',
        longerThan: 'Länger als (Min.)',
        minutesNotANumber: 'Geben Sie Minuten als Zahl an, etwa 2 oder 1,5.',
        minutesRange: 'Geben Sie Minuten zwischen 0 und 10.080 (eine Woche) an.',
        source: 'Quelle',
        allSources: 'Alle Quellen',
        direction: 'Richtung',
        anyDirection: 'Jede Richtung',
        outcome: 'Ergebnis',
        anyOutcome: 'Jedes Ergebnis',
        agent: 'Agent',
        agentPlaceholder: 'Agenten-Kennung',
        queue: 'Warteschlange',
        queuePlaceholder: 'Warteschlangen-Kennung',
      },
      page: {
        eyebrow: 'Anrufe',
        title: 'Anrufe',
        description:
          'Jeder Anruf, den Ihre angebundenen Systeme gemeldet haben. Neue Anrufe werden angekündigt, solange die Seite offen ist.',
      },
      empty: {
        filtered: 'Kein Anruf entspricht den Filtern',
        filteredText:
          'Namen passen nur als ganze Wörter, Nummern nur als ganze Nummern („+4930123456“, nicht „30123“). Erweitern Sie den Zeitraum oder entfernen Sie einen Filter.',
        clear: 'Filter zurücksetzen',
        none: 'Noch keine Anrufe',
        noneText:
          'Anrufe erscheinen hier, sobald Ihre Telefonanlagen und Contact-Center-Plattformen ihre Datensätze senden, mit einem API-Schlüssel mit dem Bereich calls:ingest.',
      },
      live: {
        fresh: (count, n, more) =>
          more ? `Mehr als ${count} neue Anrufe` : `${count} ${plural(n, 'neuer Anruf', 'neue Anrufe')}`,
        show: 'Anzeigen',
      },
    },
  },
);
