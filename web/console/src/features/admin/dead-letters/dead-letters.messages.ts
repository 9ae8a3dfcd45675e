import { defineMessages } from '@/i18n';
import type { Schema } from '@/api/types';

export type DeadLetterCategory = Schema<'DeadLetterCategory'>;

export const deadLetterCategories: readonly DeadLetterCategory[] = [
  'db_unavailable',
  'dependency_unavailable',
  'timeout',
  'schema_rejected',
  'rejected',
  'handler_error',
];

type PerCategory = Readonly<Record<DeadLetterCategory, string>>;

const labels: PerCategory = {
  timeout: 'Took too long or never answered',
  db_unavailable: 'The database was unavailable',
  dependency_unavailable: 'A service it needs was unavailable',
  schema_rejected: 'The work item was refused as invalid',
  rejected: 'Refused for good',
  handler_error: 'An unexpected error',
};

const nextSteps: PerCategory = {
  timeout: 'Check the step is running and not overloaded, then replay.',
  db_unavailable: 'Once the database answers again (see the health page), replay.',
  dependency_unavailable: 'Once the storage, queue or provider is back, replay.',
  schema_rejected:
    'Replaying will fail the same way: report it to support with the letter id, or discard it.',
  rejected: 'What it refers to is gone or changed: discard it unless support says otherwise.',
  handler_error: 'Probably a bug: report it to support with the letter id; replay after the fix.',
};

const labelsDe: PerCategory = {
  timeout: 'Zu langsam oder keine Antwort',
  db_unavailable: 'Die Datenbank war nicht erreichbar',
  dependency_unavailable: 'Ein benötigter Dienst war nicht erreichbar',
  schema_rejected: 'Der Arbeitsschritt wurde als ungültig abgelehnt',
  rejected: 'Endgültig abgelehnt',
  handler_error: 'Ein unerwarteter Fehler',
};

const nextStepsDe: PerCategory = {
  timeout: 'Prüfen Sie, ob der Schritt läuft und nicht überlastet ist, dann erneut senden.',
  db_unavailable: 'Sobald die Datenbank wieder antwortet (siehe Systemzustand), erneut senden.',
  dependency_unavailable: 'Sobald Speicher, Warteschlange oder Anbieter wieder da sind, erneut senden.',
  schema_rejected:
    'Erneutes Senden scheitert genauso: melden Sie es dem Support mit der Kennung, oder verwerfen Sie es.',
  rejected:
    'Worauf es sich bezieht, ist weg oder geändert: verwerfen, sofern der Support nichts anderes sagt.',
  handler_error:
    'Vermutlich ein Fehler: melden Sie ihn dem Support mit der Kennung; nach der Korrektur erneut senden.',
};

/** The dead-letter page: why work stopped, in plain words, and what to do about it. */
export const deadLetterMessages = defineMessages(
  {
    eyebrow: 'Administration',
    title: 'Dead letters',
    description:
      'Work Switchboard accepted but could not finish because of a fault on its own side: a database, queue or storage outage, or a bug. Nothing is lost: each item waits here with its error. Once the cause is fixed, replay it.',
    categories: labels,
    nextSteps,
    nextStep: 'What to do',
    technical: 'Technical error',
    byCategory: 'Waiting, by reason',
    categoryCount: (label: string, n: string) => `${label}: ${n}`,
    filters: {
      label: 'Filter the dead letters',
      show: 'Show',
      waiting: 'Waiting',
      all: 'All, also replayed and discarded',
      category: 'Why',
      allCategories: 'Any reason',
    },
    columns: {
      failed: 'Failed',
      what: 'What failed',
      why: 'Why',
      attempts: 'Attempts',
      status: 'Status',
      actions: 'Actions',
    },
    inStep: 'in step',
    caption: 'Dead letters, newest first',
    loading: 'Loading dead letters',
    failed: 'The dead letters could not be loaded',
    emptyEver: 'No dead letters, ever',
    emptyEverText: 'Everything Switchboard accepted has been processed.',
    emptyWaiting: 'All is well: nothing is waiting',
    emptyWaitingText:
      'Everything Switchboard accepted has been processed. If a fault of its own ever stops some work, it waits here to be replayed.',
    emptyCategory: 'No letter waits for this reason',
    showDealt: 'Show the ones dealt with',
    showAll: 'Show every reason',
    newest: (n: string) => `The newest ${n} are shown. Older ones appear as these are replayed or discarded.`,
    shownOf: (shown: string, total: string) => `${shown} of ${total} waiting`,
    details: 'Details',
    detailsOf: (type: string, at: string) => `Details of the ${type} event that failed ${at}`,
    replay: 'Replay',
    replayOf: (type: string, at: string) => `Replay the ${type} event that failed ${at}`,
    discard: 'Discard',
    close: 'Close',
    status: { waiting: 'Waiting', replayed: 'Replayed', discarded: 'Discarded' },
    dialog: {
      title: 'Dead letter',
      status: 'Status',
      why: 'Why',
      step: 'Step',
      event: 'Event',
      eventId: 'Event id',
      happened: 'Happened',
      failed: 'Failed',
      attempts: 'Attempts',
      errorCode: 'Error code',
      replayed: 'Replayed',
      replayedTimes: (n: string) => `${n}×, last`,
      discarded: 'Discarded',
      by: 'by',
      someone: 'someone',
      lastError: 'The last error',
      carries: 'What the event carries',
    },
    toast: {
      already: 'Already dealt with',
      failed: 'That did not work',
      sent: 'Sent again',
      sentText: (group: string) =>
        `${group} gets the event once more within seconds. If it fails again, it comes back here.`,
      discarded: 'Dead letter discarded',
      discardedText: 'It is kept, marked discarded, and no longer waits.',
    },
    confirm: {
      title: 'Discard this dead letter?',
      text: 'Its event is never delivered again. Discard only work that must not run any more. The letter is kept, marked as discarded by you.',
    },
  },
  {
    de: {
      eyebrow: 'Verwaltung',
      title: 'Unzustellbare Ereignisse',
      description:
        'Arbeit, die Switchboard angenommen, aber wegen eines eigenen Fehlers nicht beenden konnte: ein Ausfall von Datenbank, Warteschlange oder Speicher, oder ein Programmfehler. Nichts geht verloren: Jeder Auftrag wartet hier mit seinem Fehler. Ist die Ursache behoben, senden Sie ihn erneut.',
      categories: labelsDe,
      nextSteps: nextStepsDe,
      nextStep: 'Was zu tun ist',
      technical: 'Technischer Fehler',
      byCategory: 'Wartend, nach Grund',
      categoryCount: (label, n) => `${label}: ${n}`,
      filters: {
        label: 'Unzustellbare Ereignisse filtern',
        show: 'Anzeigen',
        waiting: 'Wartend',
        all: 'Alle, auch erneut gesendete und verworfene',
        category: 'Grund',
        allCategories: 'Jeder Grund',
      },
      columns: {
        failed: 'Gescheitert',
        what: 'Was scheiterte',
        why: 'Grund',
        attempts: 'Versuche',
        status: 'Status',
        actions: 'Aktionen',
      },
      inStep: 'im Schritt',
      caption: 'Unzustellbare Ereignisse, neueste zuerst',
      loading: 'Unzustellbare Ereignisse werden geladen',
      failed: 'Die unzustellbaren Ereignisse konnten nicht geladen werden',
      emptyEver: 'Noch nie ein unzustellbares Ereignis',
      emptyEverText: 'Alles, was Switchboard angenommen hat, wurde verarbeitet.',
      emptyWaiting: 'Alles in Ordnung: nichts wartet',
      emptyWaitingText:
        'Alles, was Switchboard angenommen hat, wurde verarbeitet. Hält ein eigener Fehler einmal Arbeit auf, wartet sie hier auf erneutes Senden.',
      emptyCategory: 'Kein Ereignis wartet aus diesem Grund',
      showDealt: 'Die erledigten zeigen',
      showAll: 'Alle Gründe zeigen',
      newest: (n) =>
        `Die neuesten ${n} werden angezeigt. Ältere erscheinen, sobald diese erneut gesendet oder verworfen sind.`,
      shownOf: (shown, total) => `${shown} von ${total} wartend`,
      details: 'Details',
      detailsOf: (type, at) => `Details des Ereignisses ${type}, gescheitert ${at}`,
      replay: 'Erneut senden',
      replayOf: (type, at) => `Das Ereignis ${type}, gescheitert ${at}, erneut senden`,
      discard: 'Verwerfen',
      close: 'Schließen',
      status: { waiting: 'Wartend', replayed: 'Erneut gesendet', discarded: 'Verworfen' },
      dialog: {
        title: 'Unzustellbares Ereignis',
        status: 'Status',
        why: 'Grund',
        step: 'Schritt',
        event: 'Ereignis',
        eventId: 'Ereignis-Kennung',
        happened: 'Geschehen',
        failed: 'Gescheitert',
        attempts: 'Versuche',
        errorCode: 'Fehlercode',
        replayed: 'Erneut gesendet',
        replayedTimes: (n) => `${n}×, zuletzt`,
        discarded: 'Verworfen',
        by: 'von',
        someone: 'jemandem',
        lastError: 'Der letzte Fehler',
        carries: 'Was das Ereignis enthält',
      },
      toast: {
        already: 'Bereits erledigt',
        failed: 'Das hat nicht geklappt',
        sent: 'Erneut gesendet',
        sentText: (group) =>
          `${group} erhält das Ereignis in wenigen Sekunden noch einmal. Scheitert es wieder, kommt es hierher zurück.`,
        discarded: 'Ereignis verworfen',
        discardedText: 'Er bleibt erhalten, als verworfen markiert, und wartet nicht mehr.',
      },
      confirm: {
        title: 'Dieses Ereignis verwerfen?',
        text: 'Sein Ereignis wird nie wieder zugestellt. Verwerfen Sie nur Arbeit, die nicht mehr laufen darf. Der Auftrag bleibt erhalten, als von Ihnen verworfen markiert.',
      },
    },
  },
);
