import { defineMessages } from '@/i18n';
import { formatNumber } from '@/kit/format';
import { formatBytes } from '../calls.format';

/** Background exports: the export menu on the call list and the Exports page. */
export const exportsMessages = defineMessages(
  {
    menu: {
      button: 'Export',
      busy: (format: string) => `Starting the ${format} export…`,
      heading: 'Every call matching the filters',
      csv: 'for spreadsheets',
      jsonl: 'one CallRecord v1 per line',
      vcon: 'one vCon per line (JSON Lines)',
      allExports: 'All exports',
    },
    progress: {
      queued: 'Export queued…',
      running: (rows: number, bytes: number) =>
        `Exporting: ${formatNumber(rows)} calls, ${formatBytes(bytes)}`,
    },
    toast: {
      started: 'Export started',
      startedDetail:
        'It runs in the background; you will be told when the file is ready. Follow it under Calls › Exports.',
      ready: 'Your export is ready',
      readyDetail: (rows: number, bytes: number) =>
        `${formatNumber(rows)} calls, ${formatBytes(bytes)}. Download it from the Exports page.`,
      failed: 'The export failed',
      startFailed: 'The export could not be started',
      downloadFailed: 'The file could not be downloaded',
      cancelled: 'Export cancelled',
    },
    page: {
      eyebrow: 'Calls',
      title: 'Exports',
      description:
        'Exports of calls run in the background, however many calls match. Files are kept for a limited time, then deleted; every download is recorded in the audit log.',
      caption: 'Exports, newest first',
      loading: 'Loading exports',
      error: 'The exports could not be loaded',
      emptyTitle: 'No exports yet',
      emptyBody: 'Choose Export on the call list to export the calls matching your filters.',
      more: 'Load older exports',
    },
    columns: {
      requested: 'Requested',
      format: 'Format',
      status: 'Status',
      calls: 'Calls',
      size: 'Size',
      filters: 'Filters',
      available: 'Available until',
      actions: 'Actions',
    },
    status: {
      queued: 'Queued',
      running: 'Running',
      succeeded: 'Ready',
      failed: 'Failed',
      cancelled: 'Cancelled',
      expired: 'Expired',
    },
    noFilters: 'All calls',
    download: 'Download',
    downloadLabel: (file: string) => `Download ${file}`,
    cancel: 'Cancel',
    cancelLabel: (file: string) => `Cancel the export ${file}`,
    expiredHint: 'The file was deleted; export again.',
  },
  {
    de: {
      menu: {
        button: 'Exportieren',
        busy: (format) => `${format}-Export wird gestartet…`,
        heading: 'Alle Anrufe, die den Filtern entsprechen',
        csv: 'für Tabellenkalkulationen',
        jsonl: 'ein CallRecord v1 pro Zeile',
        vcon: 'ein vCon pro Zeile (JSON Lines)',
        allExports: 'Alle Exporte',
      },
      progress: {
        queued: 'Export in der Warteschlange…',
        running: (rows, bytes) => `Export läuft: ${formatNumber(rows)} Anrufe, ${formatBytes(bytes)}`,
      },
      toast: {
        started: 'Export gestartet',
        startedDetail:
          'Er läuft im Hintergrund; Sie werden benachrichtigt, sobald die Datei bereitsteht. Verfolgen Sie ihn unter Anrufe › Exporte.',
        ready: 'Ihr Export ist bereit',
        readyDetail: (rows, bytes) =>
          `${formatNumber(rows)} Anrufe, ${formatBytes(bytes)}. Laden Sie ihn auf der Seite „Exporte“ herunter.`,
        failed: 'Der Export ist fehlgeschlagen',
        startFailed: 'Der Export konnte nicht gestartet werden',
        downloadFailed: 'Die Datei konnte nicht heruntergeladen werden',
        cancelled: 'Export abgebrochen',
      },
      page: {
        eyebrow: 'Anrufe',
        title: 'Exporte',
        description:
          'Exporte von Anrufen laufen im Hintergrund, egal wie viele Anrufe passen. Dateien werden eine begrenzte Zeit aufbewahrt und dann gelöscht; jeder Download wird im Audit-Protokoll festgehalten.',
        caption: 'Exporte, neueste zuerst',
        loading: 'Exporte werden geladen',
        error: 'Die Exporte konnten nicht geladen werden',
        emptyTitle: 'Noch keine Exporte',
        emptyBody:
          'Wählen Sie in der Anrufliste „Exportieren“, um die Anrufe zu Ihren Filtern zu exportieren.',
        more: 'Ältere Exporte laden',
      },
      columns: {
        requested: 'Angefordert',
        format: 'Format',
        status: 'Status',
        calls: 'Anrufe',
        size: 'Größe',
        filters: 'Filter',
        available: 'Verfügbar bis',
        actions: 'Aktionen',
      },
      status: {
        queued: 'Wartet',
        running: 'Läuft',
        succeeded: 'Bereit',
        failed: 'Fehlgeschlagen',
        cancelled: 'Abgebrochen',
        expired: 'Abgelaufen',
      },
      noFilters: 'Alle Anrufe',
      download: 'Herunterladen',
      downloadLabel: (file) => `${file} herunterladen`,
      cancel: 'Abbrechen',
      cancelLabel: (file) => `Export ${file} abbrechen`,
      expiredHint: 'Die Datei wurde gelöscht; exportieren Sie erneut.',
    },
  },
);
