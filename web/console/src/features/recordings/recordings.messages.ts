import { defineMessages } from '@/i18n';

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

/** Words every recordings page shares: states, failures, directions. */
export const recordingWords = defineMessages(
  {
    states: {
      uploading: 'Uploading',
      queued: 'Waiting',
      processing: 'Processing',
      ready: 'Ready',
      failed: 'Failed',
    },
    stateHints: {
      uploading: 'The audio is still being uploaded.',
      queued: 'Received; waiting to be transcribed.',
      processing: 'Being transcribed, redacted and measured.',
      ready: 'Transcribed and redacted.',
      failed: 'Processing stopped.',
    },
    failures: {
      empty: 'The file is empty — upload the recording again.',
      not_audio: 'Not audio we can read — upload a WAV, MP3, Ogg, FLAC, M4A or WebM file.',
      malformed: 'The audio file is damaged — export it again from its source and upload it.',
      truncated: 'The audio file is cut short — upload the complete file.',
      unsupported_codec:
        'Its audio codec is not supported — convert it to WAV or MP3, or install ffmpeg on the server.',
      decoder_failed: 'The audio could not be decoded — convert it to WAV or MP3 and upload it again.',
      no_media: 'Neither audio nor a transcript is stored — upload the recording again.',
      transcript_unreadable:
        'The supplied transcript could not be read — upload WebVTT, SRT or a provider’s JSON.',
      no_local_engine:
        'No transcription engine is installed — install one on the server (apt-get install pocketsphinx pocketsphinx-en-us), or configure a provider (such as a self-hosted Whisper server) in the conversation settings.',
      transcription_failed:
        'No configured transcription provider could transcribe it — check the providers and their secrets in the conversation settings, then run it again.',
      no_speech: 'The transcription provider heard no speech in this recording.',
      retries_exhausted: 'The transcription provider or the storage kept failing — run it again later.',
    },
    failedUnknown: 'Processing failed.',
    directions: {
      inbound: 'Inbound',
      outbound: 'Outbound',
      internal: 'Internal',
      unknown: 'Unknown direction',
    },
    roles: { agent: 'Agent', customer: 'Customer', unknown: 'Speaker' },
    speakerName: (role: string, n: number) => `${role} ${n}`,
    entity: (type: string) => type.toLowerCase().replaceAll('_', ' '),
  },
  {
    de: {
      states: {
        uploading: 'Wird hochgeladen',
        queued: 'Wartet',
        processing: 'In Bearbeitung',
        ready: 'Fertig',
        failed: 'Fehlgeschlagen',
      },
      stateHints: {
        uploading: 'Das Audio wird noch hochgeladen.',
        queued: 'Empfangen; wartet auf die Transkription.',
        processing: 'Wird transkribiert, geschwärzt und vermessen.',
        ready: 'Transkribiert und geschwärzt.',
        failed: 'Die Verarbeitung wurde abgebrochen.',
      },
      failures: {
        empty: 'Die Datei ist leer — laden Sie die Aufzeichnung erneut hoch.',
        not_audio: 'Kein lesbares Audio — laden Sie eine WAV-, MP3-, Ogg-, FLAC-, M4A- oder WebM-Datei hoch.',
        malformed: 'Die Audiodatei ist beschädigt — exportieren Sie sie erneut aus der Quelle.',
        truncated: 'Die Audiodatei ist unvollständig — laden Sie die ganze Datei hoch.',
        unsupported_codec:
          'Der Audio-Codec wird nicht unterstützt — wandeln Sie sie in WAV oder MP3 um oder installieren Sie ffmpeg auf dem Server.',
        decoder_failed:
          'Das Audio ließ sich nicht dekodieren — wandeln Sie es in WAV oder MP3 um und laden Sie es erneut hoch.',
        no_media: 'Weder Audio noch Transkript ist gespeichert — laden Sie die Aufzeichnung erneut hoch.',
        transcript_unreadable:
          'Das mitgelieferte Transkript ist nicht lesbar — laden Sie WebVTT, SRT oder das JSON eines Anbieters hoch.',
        no_local_engine:
          'Keine Transkriptions-Engine installiert — führen Sie auf dem Server apt-get install pocketsphinx pocketsphinx-en-us aus oder richten Sie in den Gesprächseinstellungen einen Anbieter ein (etwa einen selbst betriebenen Whisper-Server).',
        transcription_failed:
          'Kein eingerichteter Transkriptionsanbieter konnte sie transkribieren — prüfen Sie die Anbieter und ihre Geheimnisse in den Gesprächseinstellungen und starten Sie sie erneut.',
        no_speech: 'Der Transkriptionsanbieter hat in dieser Aufzeichnung keine Sprache gehört.',
        retries_exhausted:
          'Der Transkriptionsanbieter oder der Speicher versagte wiederholt — starten Sie es später erneut.',
      },
      failedUnknown: 'Die Verarbeitung ist fehlgeschlagen.',
      directions: {
        inbound: 'Eingehend',
        outbound: 'Ausgehend',
        internal: 'Intern',
        unknown: 'Richtung unbekannt',
      },
      roles: { agent: 'Agent', customer: 'Kunde', unknown: 'Sprecher' },
      speakerName: (role, n) => `${role} ${n}`,
      entity: (type) => type.toLowerCase().replaceAll('_', ' '),
    },
  },
);

/** The recordings list: table, filters, empty states. */
export const recordingListMessages = defineMessages(
  {
    eyebrow: 'Conversations',
    title: 'Recordings',
    description: 'Call recordings and their transcripts, redacted before anyone reads them.',
    upload: 'Upload recording',
    caption: 'Recordings',
    captionFiltered: 'Recordings matching the filters',
    loading: 'Loading recordings',
    failed: 'Recordings could not be loaded',
    shown: (shown: string, n: number) => `${shown} ${plural(n, 'recording', 'recordings')} shown`,
    shownOf: (shown: string, total: string) => `${shown} of ${total} recordings`,
    columns: {
      started: 'Started',
      state: 'State',
      duration: 'Length',
      queue: 'Queue',
      source: 'Source',
      call: 'Call',
      received: 'Received',
      language: 'Language',
    },
    openCall: 'Call',
    noCall: 'Not linked',
    transcriptOnly: 'Transcript only',
    filters: {
      label: 'Filter recordings',
      text: 'Transcript text',
      textPlaceholder: 'Words or "a phrase"',
      textHint: 'Searches the redacted transcripts: words, "a phrase", -word to leave out, or.',
      number: 'Number',
      numberPlaceholder: '+4930123456 or 1001',
      agent: 'Agent',
      agentPlaceholder: 'Agent id or name',
      queue: 'Queue',
      state: 'State',
      anyState: 'Any state',
    },
    noMatch: 'No recording matches',
    noMatchHint:
      'Numbers match whole numbers (“+4930123456”, not “30123”). Widen the dates or remove a filter.',
    none: 'No recordings yet',
    noneHint:
      'Recordings arrive from connected platforms, or upload one here. Each is transcribed, redacted and measured.',
  },
  {
    de: {
      eyebrow: 'Gespräche',
      title: 'Aufzeichnungen',
      description: 'Gesprächsaufnahmen und ihre Transkripte, geschwärzt, bevor jemand sie liest.',
      upload: 'Aufzeichnung hochladen',
      caption: 'Aufzeichnungen',
      captionFiltered: 'Aufzeichnungen, die den Filtern entsprechen',
      loading: 'Aufzeichnungen werden geladen',
      failed: 'Die Aufzeichnungen konnten nicht geladen werden',
      shown: (shown, n) => `${shown} ${plural(n, 'Aufzeichnung', 'Aufzeichnungen')} angezeigt`,
      shownOf: (shown, total) => `${shown} von ${total} Aufzeichnungen`,
      columns: {
        started: 'Beginn',
        state: 'Status',
        duration: 'Länge',
        queue: 'Warteschlange',
        source: 'Quelle',
        call: 'Anruf',
        received: 'Empfangen',
        language: 'Sprache',
      },
      openCall: 'Anruf',
      noCall: 'Nicht verknüpft',
      transcriptOnly: 'Nur Transkript',
      filters: {
        label: 'Aufzeichnungen filtern',
        text: 'Transkripttext',
        textPlaceholder: 'Wörter oder "eine Wendung"',
        textHint:
          'Durchsucht die geschwärzten Transkripte: Wörter, "eine Wendung", -Wort zum Ausschließen, or.',
        number: 'Nummer',
        numberPlaceholder: '+4930123456 oder 1001',
        agent: 'Agent',
        agentPlaceholder: 'Agent-ID oder Name',
        queue: 'Warteschlange',
        state: 'Status',
        anyState: 'Jeder Status',
      },
      noMatch: 'Keine Aufzeichnung passt',
      noMatchHint:
        'Nummern passen nur ganz („+4930123456“, nicht „30123“). Erweitern Sie den Zeitraum oder entfernen Sie einen Filter.',
      none: 'Noch keine Aufzeichnungen',
      noneHint:
        'Aufzeichnungen kommen von verbundenen Plattformen, oder laden Sie hier eine hoch. Jede wird transkribiert, geschwärzt und vermessen.',
    },
  },
);
