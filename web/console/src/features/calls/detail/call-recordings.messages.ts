import { defineMessages } from '@/i18n';

/** The call page's recordings section. */
export const callRecordingsMessages = defineMessages(
  {
    title: 'Recordings',
    stored: 'Recordings of this call',
    loading: 'Loading the call’s recordings',
    failed: 'The call’s recordings could not be loaded',
    none: 'No recording of this call has been received.',
    open: (name: string) => `Open recording ${name}`,
    states: {
      uploading: 'Uploading',
      queued: 'Waiting',
      processing: 'Processing',
      ready: 'Ready',
      failed: 'Failed',
    },
    transcriptOnly: 'Transcript only',
    referenced: 'Referenced by the source',
    referencedNone: 'The source referenced no recording of this call.',
    noDetails: 'No details',
  },
  {
    de: {
      title: 'Aufzeichnungen',
      stored: 'Aufzeichnungen dieses Anrufs',
      loading: 'Die Aufzeichnungen des Anrufs werden geladen',
      failed: 'Die Aufzeichnungen des Anrufs konnten nicht geladen werden',
      none: 'Zu diesem Anruf wurde keine Aufzeichnung empfangen.',
      open: (name) => `Aufzeichnung ${name} öffnen`,
      states: {
        uploading: 'Wird hochgeladen',
        queued: 'Wartet',
        processing: 'In Bearbeitung',
        ready: 'Fertig',
        failed: 'Fehlgeschlagen',
      },
      transcriptOnly: 'Nur Transkript',
      referenced: 'Von der Quelle genannt',
      referencedNone: 'Die Quelle nannte keine Aufzeichnung dieses Anrufs.',
      noDetails: 'Keine Angaben',
    },
  },
);
