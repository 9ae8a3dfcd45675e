import { defineMessages } from '@/i18n';
import type { Schema } from '@/api/types';

export type QuarantineCategory = Schema<'QuarantineCategory'>;

/** The categories in the order the filter offers them (most common first). */
export const quarantineCategories: readonly QuarantineCategory[] = [
  'unreadable_time',
  'missing_field',
  'invalid_number',
  'unknown_value',
  'unknown_format',
  'payload_too_large',
  'schema_rejected',
  'signature_invalid',
  'not_supported',
  'incomplete_call',
  'connector_error',
  'other',
];

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

type PerCategory = Readonly<Record<QuarantineCategory, string>>;

const labels: PerCategory = {
  unreadable_time: 'A date or time could not be read',
  missing_field: 'Something every call needs is missing',
  invalid_number: 'A duration or count is not a number',
  unknown_value: 'A value the connector does not know',
  unknown_format: 'Not in the format this source sends',
  payload_too_large: 'Too large to read',
  schema_rejected: 'The connector produced an invalid call',
  signature_invalid: 'The signature does not match',
  not_supported: 'Not supported by Switchboard',
  incomplete_call: 'Only part of a call arrived',
  connector_error: 'The connector failed',
  other: 'Could not be read',
};

const nextSteps: PerCategory = {
  unreadable_time: 'Check the connector’s time zone and date format settings, then replay.',
  missing_field: 'Check that the phone system sends this field (its CDR template or export), then replay.',
  invalid_number: 'Check the column layout set for the connector matches what the system sends, then replay.',
  unknown_value: 'If the value is legitimate, ask support to teach the connector; replay once it is updated.',
  unknown_format: 'Check that the connector chosen for this source matches what it sends (format, columns).',
  payload_too_large: 'Split the file or export into smaller parts and send them again.',
  schema_rejected: 'A connector bug: report it to support with the item id; replay after the fix.',
  signature_invalid: 'The document was changed after signing: ask the sender for the original.',
  not_supported: 'Send the document in a form Switchboard reads (unsigned or signed, not encrypted).',
  incomplete_call: 'Send the part together with the rest of its call (the same CDR file), then replay.',
  connector_error: 'A connector bug: report it to support with the item id; replay after the fix.',
  other: 'Read the technical reason below; replay once the cause is fixed.',
};

const labelsDe: PerCategory = {
  unreadable_time: 'Ein Datum oder eine Uhrzeit ist unlesbar',
  missing_field: 'Eine Angabe, die jeder Anruf braucht, fehlt',
  invalid_number: 'Eine Dauer oder Anzahl ist keine Zahl',
  unknown_value: 'Ein Wert, den der Konnektor nicht kennt',
  unknown_format: 'Nicht im Format, das diese Quelle sendet',
  payload_too_large: 'Zu groß zum Lesen',
  schema_rejected: 'Der Konnektor hat einen ungültigen Anruf erzeugt',
  signature_invalid: 'Die Signatur passt nicht',
  not_supported: 'Von Switchboard nicht unterstützt',
  incomplete_call: 'Nur ein Teil eines Anrufs ist angekommen',
  connector_error: 'Der Konnektor ist gescheitert',
  other: 'Konnte nicht gelesen werden',
};

const nextStepsDe: PerCategory = {
  unreadable_time:
    'Prüfen Sie Zeitzone und Datumsformat in den Einstellungen des Konnektoren, dann erneut einspielen.',
  missing_field:
    'Prüfen Sie, ob die Telefonanlage dieses Feld sendet (CDR-Vorlage oder Export), dann erneut einspielen.',
  invalid_number:
    'Prüfen Sie, ob die Spaltenbelegung des Konnektoren zu dem passt, was die Anlage sendet, dann erneut einspielen.',
  unknown_value:
    'Ist der Wert zulässig, bitten Sie den Support, ihn dem Konnektor beizubringen; nach dem Update erneut einspielen.',
  unknown_format:
    'Prüfen Sie, ob der für diese Quelle gewählte Konnektor zu dem passt, was sie sendet (Format, Spalten).',
  payload_too_large: 'Teilen Sie die Datei oder den Export in kleinere Teile und senden Sie sie erneut.',
  schema_rejected:
    'Ein Fehler im Konnektor: melden Sie ihn dem Support mit der Kennung; nach der Korrektur erneut einspielen.',
  signature_invalid:
    'Das Dokument wurde nach dem Signieren verändert: fordern Sie das Original beim Absender an.',
  not_supported:
    'Senden Sie das Dokument in einer Form, die Switchboard liest (unsigniert oder signiert, nicht verschlüsselt).',
  incomplete_call:
    'Senden Sie den Teil zusammen mit dem Rest seines Anrufs (dieselbe CDR-Datei), dann erneut einspielen.',
  connector_error:
    'Ein Fehler im Konnektor: melden Sie ihn dem Support mit der Kennung; nach der Korrektur erneut einspielen.',
  other: 'Lesen Sie den technischen Grund unten; nach Behebung der Ursache erneut einspielen.',
};

/** The quarantine page: what each category means in plain words and what to do about it. */
export const quarantineMessages = defineMessages(
  {
    eyebrow: 'Calls',
    title: 'Quarantine',
    description:
      'What a connector received but could not read as calls, and why. After a fix to the connector or its settings, replay a payload to index its calls.',
    categories: labels,
    nextSteps,
    nextStep: 'What to do',
    field: (name: string) => `Field: ${name}`,
    technical: 'Technical reason',
    filters: {
      label: 'Filter the quarantine',
      status: 'Status',
      open: 'Open',
      replayed: 'Replayed',
      all: 'All',
      source: 'Source',
      allSources: 'All sources',
      category: 'Why',
      allCategories: 'Any reason',
    },
    columns: {
      received: 'Received',
      source: 'Source',
      why: 'Why',
      status: 'Status',
      size: 'Size',
      actions: 'Actions',
    },
    caption: 'Quarantined payloads, newest first',
    loading: 'Loading quarantined payloads',
    failed: 'The quarantine could not be loaded',
    emptyFiltered: 'No payloads match',
    showOpen: 'Show the open ones',
    empty: 'Nothing in quarantine',
    emptyText: 'Every payload your connectors sent could be read.',
    shown: (shown: string, n: number) => `${shown} ${plural(n, 'payload', 'payloads')} shown`,
    shownOf: (shown: string, total: string) => `${shown} of ${total} payloads`,
    replayFailed: (n: string, reason: string) => `Replay ${n}× failed: ${reason}`,
    details: 'Details',
    detailsOf: (source: string, at: string) => `Details of the ${source} payload received ${at}`,
    replay: 'Replay',
    replayOf: (source: string, at: string) => `Replay the ${source} payload received ${at}`,
    statusOpen: 'Open',
    statusReplayed: 'Replayed',
    dialog: {
      title: 'Quarantined payload',
      why: 'Why',
      source: 'Source',
      received: 'Received',
      status: 'Status',
      attempts: 'Replay attempts',
      lastFailed: 'Last replay failed',
      size: 'Size',
      archive: 'Archive object',
      sha256: 'SHA-256',
      show: 'Show the payload',
      audited: 'Viewing the bytes is recorded in the audit log.',
      loading: 'Loading the payload',
      notShown: 'The payload could not be shown',
      payload: 'The payload as received',
      close: 'Close',
    },
    toast: {
      replayed: 'Payload replayed',
      indexed: (calls: number, created: string, updated: string) =>
        `${calls} ${plural(calls, 'call', 'calls')} indexed: ${created} new, ${updated} updated.`,
      stillFailing: 'Still cannot be read',
      already: 'Already replayed',
      alreadyText: 'Someone replayed this payload before you.',
      failed: 'The replay failed',
    },
    summary: {
      label: 'Open payloads by reason',
      count: (n: string) => n,
    },
  },
  {
    de: {
      eyebrow: 'Anrufe',
      title: 'Quarantäne',
      description:
        'Was ein Konnektor empfangen, aber nicht als Anrufe lesen konnte, und warum. Nach einer Korrektur am Konnektor oder seinen Einstellungen spielen Sie die Daten erneut ein, um ihre Anrufe zu erfassen.',
      categories: labelsDe,
      nextSteps: nextStepsDe,
      nextStep: 'Was zu tun ist',
      field: (name) => `Feld: ${name}`,
      technical: 'Technischer Grund',
      filters: {
        label: 'Quarantäne filtern',
        status: 'Status',
        open: 'Offen',
        replayed: 'Eingespielt',
        all: 'Alle',
        source: 'Quelle',
        allSources: 'Alle Quellen',
        category: 'Grund',
        allCategories: 'Jeder Grund',
      },
      columns: {
        received: 'Empfangen',
        source: 'Quelle',
        why: 'Grund',
        status: 'Status',
        size: 'Größe',
        actions: 'Aktionen',
      },
      caption: 'Daten in Quarantäne, neueste zuerst',
      loading: 'Daten in Quarantäne werden geladen',
      failed: 'Die Quarantäne konnte nicht geladen werden',
      emptyFiltered: 'Keine Daten entsprechen den Filtern',
      showOpen: 'Die offenen zeigen',
      empty: 'Nichts in Quarantäne',
      emptyText: 'Alles, was Ihre Konnektoren gesendet haben, war lesbar.',
      shown: (shown) => `${shown} angezeigt`,
      shownOf: (shown, total) => `${shown} von ${total}`,
      replayFailed: (n, reason) => `Einspielen ${n}× gescheitert: ${reason}`,
      details: 'Details',
      detailsOf: (source, at) => `Details der ${source}-Daten vom ${at}`,
      replay: 'Erneut einspielen',
      replayOf: (source, at) => `Die ${source}-Daten vom ${at} erneut einspielen`,
      statusOpen: 'Offen',
      statusReplayed: 'Eingespielt',
      dialog: {
        title: 'Daten in Quarantäne',
        why: 'Grund',
        source: 'Quelle',
        received: 'Empfangen',
        status: 'Status',
        attempts: 'Einspielversuche',
        lastFailed: 'Letztes Einspielen gescheitert',
        size: 'Größe',
        archive: 'Archivobjekt',
        sha256: 'SHA-256',
        show: 'Daten anzeigen',
        audited: 'Das Ansehen der Bytes wird im Audit-Protokoll vermerkt.',
        loading: 'Daten werden geladen',
        notShown: 'Die Daten konnten nicht angezeigt werden',
        payload: 'Die Daten wie empfangen',
        close: 'Schließen',
      },
      toast: {
        replayed: 'Daten eingespielt',
        indexed: (calls, created, updated) =>
          `${calls} ${plural(calls, 'Anruf', 'Anrufe')} erfasst: ${created} neu, ${updated} aktualisiert.`,
        stillFailing: 'Weiterhin unlesbar',
        already: 'Bereits eingespielt',
        alreadyText: 'Jemand hat diese Daten vor Ihnen eingespielt.',
        failed: 'Das Einspielen ist gescheitert',
      },
      summary: {
        label: 'Offene Daten nach Grund',
        count: (n) => n,
      },
    },
  },
);
