import { defineMessages } from '@/i18n';

/** Words the campaign pages share: states, actions, outcomes, and the reasons a lead is not dialled. */
export const campaignsMessages = defineMessages(
  {
    title: 'Campaigns',
    eyebrow: 'Outbound',
    description: 'Outbound calling campaigns: who is dialled, when, through which provider, and why not.',
    newCampaign: 'New campaign',
    caption: 'Campaigns, newest first',
    loading: 'Loading campaigns',
    loadError: 'The campaigns could not be loaded',
    empty: 'No campaigns yet',
    emptyText: 'A campaign dials the leads of one or more lists within the rules of each lead’s region.',
    columns: {
      name: 'Name',
      state: 'State',
      lists: 'Lists',
      hopper: 'Hopper',
      started: 'Started',
      actions: 'Actions',
    },
    hopper: (pending: string, inCall: string, done: string) =>
      `${pending} waiting · ${inCall} in call · ${done} done`,
    notStarted: 'Not started',
    states: {
      draft: 'Draft',
      running: 'Running',
      paused: 'Paused',
      completed: 'Completed',
      cancelled: 'Cancelled',
    },
    actions: {
      start: 'Start',
      pause: 'Pause',
      resume: 'Resume',
      cancel: 'Cancel campaign',
      edit: 'Edit',
    },
    actionFor: (action: string, name: string) => `${action}: ${name}`,
    actionDone: {
      start: 'The campaign is running.',
      pause: 'The campaign is paused.',
      resume: 'The campaign is running again.',
      cancel: 'The campaign is cancelled.',
    },
    confirmCancel: (name: string) => `Cancel “${name}”?`,
    confirmCancelText:
      'No more calls are placed and the leads waiting in its hopper are released. A cancelled campaign cannot be started again.',
    outcomes: {
      answered: 'Answered',
      busy: 'Busy',
      no_answer: 'No answer',
      voicemail: 'Voicemail / machine',
      failed: 'Failed',
      abandoned: 'Abandoned',
    },
    adapters: {
      simulator: 'Simulator',
      twilio: 'Twilio',
      vapi: 'Vapi',
      retell: 'Retell',
    },
    reasons: {
      processing_restricted: 'Processing restricted by the person',
      invalid_number: 'Invalid number',
      dnc_internal: 'On your do-not-call list',
      region_not_allowed: 'Region not allowed',
      no_rule_set: 'No rules for the region',
      registry_stale: 'Registry copy missing or stale',
      dnc_national: 'On a national do-not-call registry',
      consent_withdrawn: 'Consent withdrawn',
      consent_expired: 'Consent expired',
      no_consent: 'No consent',
      no_time_zone: 'Time zone unknown',
      no_holiday_data: 'No holiday calendar',
      holiday: 'Public holiday',
      day_banned: 'Calls banned today',
      outside_calling_window: 'Outside the calling window',
      max_calls_24h: 'Legal cap in 24 hours reached',
      answering_machine_repeat: 'Machine answered in the last 24 hours',
      max_attempts: 'All attempts used',
      max_attempts_today: 'Attempts for today used',
      retry_too_soon: 'Too soon to retry',
    },
    reasonExplanations: {
      processing_restricted:
        'The person asked to restrict the processing of their data (GDPR Art. 18): the lead is not called while the restriction lasts.',
      invalid_number:
        'The number is not an international number in E.164 form (+, then 7–15 digits). Correct it in the lead.',
      dnc_internal: 'The number is on this tenant’s own do-not-call list or matches one of its patterns.',
      region_not_allowed:
        'The lead’s region is not among the regions this campaign may call (US admits every US state).',
      no_rule_set:
        'Switchboard has no calling rules for the lead’s region or its country, and does not call where it does not know the rules.',
      registry_stale:
        'The region requires a national do-not-call registry, and its copy is missing or older than allowed. Refresh the registry copy.',
      dnc_national: 'The number is on a national do-not-call registry the region requires.',
      consent_withdrawn: 'The lead withdrew the consent this campaign needs.',
      consent_expired: 'The consent this campaign needs has expired.',
      no_consent:
        'There is no consent on record for what this campaign needs (a declared consent, or consent for an AI voice where the rules require it).',
      no_time_zone: 'Neither the lead nor its region gives a time zone, so its local time is unknown.',
      no_holiday_data:
        'The region bans calls on holidays, and its holiday calendar does not cover this date.',
      holiday: 'The region bans calls on public holidays, and it is one there today.',
      day_banned: 'The region’s rules ban calls on this weekday (for example Sunday in Alabama).',
      outside_calling_window:
        'It is outside the hours the region allows, or outside this campaign’s own window or weekdays, at the lead’s local time.',
      max_calls_24h: 'A law caps the calls to a number in any 24 hours, and the cap is reached.',
      answering_machine_repeat:
        'UK rules: an answering machine took a call in the last 24 hours and no live agent is guaranteed.',
      max_attempts: 'The lead has had all the attempts this campaign allows.',
      max_attempts_today: 'The lead has had this campaign’s attempts for its local day.',
      retry_too_soon: 'The last call’s outcome asks for a wait before the next one, and it has not passed.',
    },
    unknownReason: (reason: string) => `Other reason (${reason})`,
  },
  {
    de: {
      title: 'Kampagnen',
      eyebrow: 'Outbound',
      description:
        'Ausgehende Anrufkampagnen: wer angerufen wird, wann, über welchen Anbieter, und warum nicht.',
      newCampaign: 'Neue Kampagne',
      caption: 'Kampagnen, neueste zuerst',
      loading: 'Kampagnen werden geladen',
      loadError: 'Die Kampagnen konnten nicht geladen werden',
      empty: 'Noch keine Kampagnen',
      emptyText:
        'Eine Kampagne ruft die Leads einer oder mehrerer Listen an, nach den Regeln der Region jedes Leads.',
      columns: {
        name: 'Name',
        state: 'Status',
        lists: 'Listen',
        hopper: 'Hopper',
        started: 'Gestartet',
        actions: 'Aktionen',
      },
      hopper: (pending, inCall, done) => `${pending} wartend · ${inCall} im Gespräch · ${done} erledigt`,
      notStarted: 'Nicht gestartet',
      states: {
        draft: 'Entwurf',
        running: 'Läuft',
        paused: 'Pausiert',
        completed: 'Abgeschlossen',
        cancelled: 'Abgebrochen',
      },
      actions: {
        start: 'Starten',
        pause: 'Pausieren',
        resume: 'Fortsetzen',
        cancel: 'Kampagne abbrechen',
        edit: 'Bearbeiten',
      },
      actionFor: (action, name) => `${action}: ${name}`,
      actionDone: {
        start: 'Die Kampagne läuft.',
        pause: 'Die Kampagne ist pausiert.',
        resume: 'Die Kampagne läuft wieder.',
        cancel: 'Die Kampagne ist abgebrochen.',
      },
      confirmCancel: (name) => `„${name}“ abbrechen?`,
      confirmCancelText:
        'Es werden keine Anrufe mehr getätigt, und die wartenden Leads im Hopper werden freigegeben. Eine abgebrochene Kampagne lässt sich nicht wieder starten.',
      outcomes: {
        answered: 'Angenommen',
        busy: 'Besetzt',
        no_answer: 'Keine Antwort',
        voicemail: 'Mailbox / Anrufbeantworter',
        failed: 'Fehlgeschlagen',
        abandoned: 'Abgebrochen (Abandon)',
      },
      adapters: {
        simulator: 'Simulator',
        twilio: 'Twilio',
        vapi: 'Vapi',
        retell: 'Retell',
      },
      reasons: {
        processing_restricted: 'Verarbeitung von der Person eingeschränkt',
        invalid_number: 'Ungültige Nummer',
        dnc_internal: 'Auf Ihrer Sperrliste',
        region_not_allowed: 'Region nicht erlaubt',
        no_rule_set: 'Keine Regeln für die Region',
        registry_stale: 'Registerkopie fehlt oder ist veraltet',
        dnc_national: 'In einem nationalen Sperrregister',
        consent_withdrawn: 'Einwilligung widerrufen',
        consent_expired: 'Einwilligung abgelaufen',
        no_consent: 'Keine Einwilligung',
        no_time_zone: 'Zeitzone unbekannt',
        no_holiday_data: 'Kein Feiertagskalender',
        holiday: 'Feiertag',
        day_banned: 'Anrufe heute verboten',
        outside_calling_window: 'Außerhalb des Anrufzeitfensters',
        max_calls_24h: 'Gesetzliche Obergrenze in 24 Stunden erreicht',
        answering_machine_repeat: 'Anrufbeantworter in den letzten 24 Stunden',
        max_attempts: 'Alle Versuche aufgebraucht',
        max_attempts_today: 'Versuche für heute aufgebraucht',
        retry_too_soon: 'Zu früh für einen neuen Versuch',
      },
      reasonExplanations: {
        processing_restricted:
          'Die Person hat die Einschränkung der Verarbeitung ihrer Daten verlangt (DSGVO Art. 18): Der Lead wird nicht angerufen, solange sie gilt.',
        invalid_number:
          'Die Nummer ist keine internationale Nummer im E.164-Format (+, dann 7–15 Ziffern). Korrigieren Sie sie beim Lead.',
        dnc_internal:
          'Die Nummer steht auf der eigenen Sperrliste dieses Mandanten oder passt zu einem ihrer Muster.',
        region_not_allowed:
          'Die Region des Leads gehört nicht zu den Regionen, die diese Kampagne anrufen darf (US umfasst jeden US-Bundesstaat).',
        no_rule_set:
          'Switchboard kennt keine Anrufregeln für die Region des Leads oder sein Land und ruft nicht an, wo es die Regeln nicht kennt.',
        registry_stale:
          'Die Region verlangt ein nationales Sperrregister, und dessen Kopie fehlt oder ist älter als erlaubt. Aktualisieren Sie die Registerkopie.',
        dnc_national: 'Die Nummer steht in einem nationalen Sperrregister, das die Region verlangt.',
        consent_withdrawn: 'Der Lead hat die Einwilligung widerrufen, die diese Kampagne braucht.',
        consent_expired: 'Die Einwilligung, die diese Kampagne braucht, ist abgelaufen.',
        no_consent:
          'Es liegt keine Einwilligung für das vor, was diese Kampagne braucht (eine angegebene Einwilligung oder die für eine KI-Stimme, wo die Regeln sie verlangen).',
        no_time_zone: 'Weder der Lead noch seine Region nennen eine Zeitzone; seine Ortszeit ist unbekannt.',
        no_holiday_data:
          'Die Region verbietet Anrufe an Feiertagen, und ihr Feiertagskalender deckt dieses Datum nicht ab.',
        holiday: 'Die Region verbietet Anrufe an Feiertagen, und dort ist heute einer.',
        day_banned: 'Die Regeln der Region verbieten Anrufe an diesem Wochentag (etwa sonntags in Alabama).',
        outside_calling_window:
          'Es ist zur Ortszeit des Leads außerhalb der Zeiten, die die Region erlaubt, oder außerhalb des Zeitfensters oder der Wochentage dieser Kampagne.',
        max_calls_24h:
          'Ein Gesetz begrenzt die Anrufe an eine Nummer in 24 Stunden, und die Grenze ist erreicht.',
        answering_machine_repeat:
          'Britische Regeln: Ein Anrufbeantworter hat in den letzten 24 Stunden angenommen, und kein Mitarbeiter ist garantiert.',
        max_attempts: 'Der Lead hatte alle Versuche, die diese Kampagne erlaubt.',
        max_attempts_today: 'Der Lead hatte die Versuche dieser Kampagne für seinen Ortstag.',
        retry_too_soon:
          'Das Ergebnis des letzten Anrufs verlangt eine Wartezeit bis zum nächsten, und sie ist nicht vorbei.',
      },
      unknownReason: (reason) => `Anderer Grund (${reason})`,
    },
  },
);
