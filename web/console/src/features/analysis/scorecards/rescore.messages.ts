import { defineMessages } from '@/i18n';

/** "Re-score a period" on the scorecards page: the request and the latest job's progress. */
export const rescoreMessages = defineMessages(
  {
    title: 'Re-score a period',
    description:
      'Scores the calls that started in a period again with the scorecards that apply now, in the background. Earlier results stay in each call’s history.',
    from: 'From (first day)',
    to: 'To (last day)',
    queue: 'Queue',
    queueHint: 'Empty: every queue.',
    scope: 'What to redo',
    scopes: {
      qa: 'The QA score only, with the current scorecard',
      full: 'The whole analysis (an LLM runs again where one is configured)',
    },
    start: 'Re-score',
    needDates: 'Give the first and the last day.',
    started: 'Re-scoring started',
    joined: 'A re-score of this period was already running: its progress is shown.',
    latest: 'Latest re-score',
    period: (from: string, to: string) => `${from} to ${to}`,
    progress: (done: number, total: number | null) =>
      total === null ? `${done} done, counting…` : `${done} of ${total} done`,
    failed: (n: number) => `${n} failed`,
    states: { running: 'Running', succeeded: 'Finished', failed: 'Failed', cancelled: 'Cancelled' },
    cancel: 'Cancel',
    cancelRequested: 'Stopping after the current batch…',
  },
  {
    de: {
      title: 'Zeitraum neu bewerten',
      description:
        'Bewertet die Anrufe, die in einem Zeitraum begonnen haben, im Hintergrund neu – mit den Scorecards, die jetzt gelten. Frühere Ergebnisse bleiben im Verlauf jedes Anrufs.',
      from: 'Von (erster Tag)',
      to: 'Bis (letzter Tag)',
      queue: 'Warteschlange',
      queueHint: 'Leer: alle Warteschlangen.',
      scope: 'Was neu gemacht wird',
      scopes: {
        qa: 'Nur die QA-Bewertung, mit der aktuellen Scorecard',
        full: 'Die ganze Analyse (wo konfiguriert, läuft ein LLM erneut)',
      },
      start: 'Neu bewerten',
      needDates: 'Geben Sie den ersten und den letzten Tag an.',
      started: 'Neubewertung gestartet',
      joined: 'Für diesen Zeitraum lief bereits eine Neubewertung: ihr Fortschritt wird angezeigt.',
      latest: 'Letzte Neubewertung',
      period: (from: string, to: string) => `${from} bis ${to}`,
      progress: (done: number, total: number | null) =>
        total === null ? `${done} erledigt, wird gezählt …` : `${done} von ${total} erledigt`,
      failed: (n: number) => `${n} fehlgeschlagen`,
      states: {
        running: 'Läuft',
        succeeded: 'Abgeschlossen',
        failed: 'Fehlgeschlagen',
        cancelled: 'Abgebrochen',
      },
      cancel: 'Abbrechen',
      cancelRequested: 'Hält nach dem laufenden Stapel an …',
    },
  },
);
