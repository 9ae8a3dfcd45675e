import { defineMessages } from '@/i18n';

/**
 * Every action the audit log records, in words, and for the ones that may need someone to act,
 * what to do next. An action missing here shows as its code (a newer server than this console).
 */
export const auditMessages = defineMessages(
  {
    actions: {
      'api_key.created': 'API key created',
      'api_key.revoked': 'API key revoked',
      'auth.account.locked': 'Account locked after failed sign-ins',
      'auth.login.failed': 'Sign-in failed',
      'auth.login.succeeded': 'Signed in',
      'auth.logout': 'Signed out',
      'auth.logout_everywhere': 'Signed out on every device',
      'auth.mfa.enabled': 'Two-step sign-in turned on',
      'auth.mfa.enrolment_started': 'Two-step sign-in set-up started',
      'auth.oidc_login': 'Signed in through a sign-in provider',
      'auth.oidc_login.failed': 'Sign-in through a provider failed',
      'auth.refresh.reuse_detected': 'A stolen session token was used',
      'calls.export_cancelled': 'Call export cancelled',
      'calls.export_downloaded': 'Call export downloaded',
      'calls.export_requested': 'Call export started',
      'calls.exported': 'Calls exported (direct download)',
      'calls.quarantine.raw_viewed': 'Quarantined payload viewed',
      'calls.raw_viewed': 'Raw call record viewed',
      'calls.teams_subscription.created': 'Microsoft Teams connection set up',
      'calls.teams_subscription.deleted': 'Microsoft Teams connection removed',
      'conversations.recording_rerun_requested': 'Recording processed again',
      'conversations.settings_updated': 'Conversation settings changed',
      'identity_provider.created': 'Sign-in provider added',
      'identity_provider.deleted': 'Sign-in provider removed',
      'settings.secret_deleted': 'Secret deleted',
      'settings.secret_written': 'Secret saved',
      'settings.tenant_changed': 'Organisation settings changed',
      'user.created': 'User invited',
      'user.disabled': 'User disabled',
      'user.enabled': 'User enabled again',
      'user.roles_changed': 'User roles changed',
      'view.deleted': 'Saved view deleted',
      'view.saved': 'View saved',
      'view.updated': 'Saved view changed',
    },
    nextSteps: {
      'auth.account.locked':
        'If this was not the user, reset their password and check where the attempts came from.',
      'auth.login.failed':
        'Several in a row from one address may be someone guessing passwords: check the address.',
      'auth.oidc_login.failed': 'Check the sign-in provider’s settings (client id, secret, allowed users).',
      'auth.refresh.reuse_detected':
        'Every session of the user was ended. Ask them to change their password, and check the address.',
      'settings.secret_deleted': 'Connectors that used this secret stop working until it is saved again.',
      'api_key.revoked': 'Anything still using the key is refused from now on.',
    },
    groups: {
      'auth.': 'Sign-ins and sessions',
      'user.': 'Users and roles',
      'api_key.': 'API keys',
      'identity_provider.': 'Sign-in providers',
      'settings.': 'Settings and secrets',
      'calls.': 'Call records and exports',
      'view.': 'Saved views',
    },
    nextStepLabel: 'What to do',
  },
  {
    de: {
      actions: {
        'api_key.created': 'API-Schlüssel erstellt',
        'api_key.revoked': 'API-Schlüssel widerrufen',
        'auth.account.locked': 'Konto nach fehlgeschlagenen Anmeldungen gesperrt',
        'auth.login.failed': 'Anmeldung fehlgeschlagen',
        'auth.login.succeeded': 'Angemeldet',
        'auth.logout': 'Abgemeldet',
        'auth.logout_everywhere': 'Auf allen Geräten abgemeldet',
        'auth.mfa.enabled': 'Zweistufige Anmeldung eingeschaltet',
        'auth.mfa.enrolment_started': 'Einrichtung der zweistufigen Anmeldung begonnen',
        'auth.oidc_login': 'Über einen Anmeldeanbieter angemeldet',
        'auth.oidc_login.failed': 'Anmeldung über einen Anbieter fehlgeschlagen',
        'auth.refresh.reuse_detected': 'Ein gestohlenes Sitzungstoken wurde verwendet',
        'calls.export_cancelled': 'Anrufexport abgebrochen',
        'calls.export_downloaded': 'Anrufexport heruntergeladen',
        'calls.export_requested': 'Anrufexport gestartet',
        'calls.exported': 'Anrufe exportiert (direkter Download)',
        'calls.quarantine.raw_viewed': 'Payload in Quarantäne angesehen',
        'calls.raw_viewed': 'Rohdaten eines Anrufs angesehen',
        'calls.teams_subscription.created': 'Microsoft-Teams-Verbindung eingerichtet',
        'calls.teams_subscription.deleted': 'Microsoft-Teams-Verbindung entfernt',
        'conversations.recording_rerun_requested': 'Aufnahme erneut verarbeitet',
        'conversations.settings_updated': 'Gesprächseinstellungen geändert',
        'identity_provider.created': 'Anmeldeanbieter hinzugefügt',
        'identity_provider.deleted': 'Anmeldeanbieter entfernt',
        'settings.secret_deleted': 'Geheimnis gelöscht',
        'settings.secret_written': 'Geheimnis gespeichert',
        'settings.tenant_changed': 'Organisationseinstellungen geändert',
        'user.created': 'Benutzer eingeladen',
        'user.disabled': 'Benutzer deaktiviert',
        'user.enabled': 'Benutzer wieder aktiviert',
        'user.roles_changed': 'Rollen eines Benutzers geändert',
        'view.deleted': 'Gespeicherte Ansicht gelöscht',
        'view.saved': 'Ansicht gespeichert',
        'view.updated': 'Gespeicherte Ansicht geändert',
      },
      nextSteps: {
        'auth.account.locked':
          'Falls es nicht der Benutzer war: Passwort zurücksetzen und die Herkunft der Versuche prüfen.',
        'auth.login.failed':
          'Mehrere hintereinander von einer Adresse können ein Passwort-Rateversuch sein: Adresse prüfen.',
        'auth.oidc_login.failed':
          'Prüfen Sie die Einstellungen des Anmeldeanbieters (Client-ID, Geheimnis, zugelassene Benutzer).',
        'auth.refresh.reuse_detected':
          'Alle Sitzungen des Benutzers wurden beendet. Bitten Sie ihn, sein Passwort zu ändern, und prüfen Sie die Adresse.',
        'settings.secret_deleted':
          'Connectoren, die dieses Geheimnis nutzten, funktionieren erst wieder, wenn es erneut gespeichert wird.',
        'api_key.revoked': 'Alles, was den Schlüssel noch verwendet, wird ab jetzt abgewiesen.',
      },
      groups: {
        'auth.': 'Anmeldungen und Sitzungen',
        'user.': 'Benutzer und Rollen',
        'api_key.': 'API-Schlüssel',
        'identity_provider.': 'Anmeldeanbieter',
        'settings.': 'Einstellungen und Geheimnisse',
        'calls.': 'Anrufdaten und Exporte',
        'view.': 'Gespeicherte Ansichten',
      },
      nextStepLabel: 'Was zu tun ist',
    },
  },
);

type Labels = Readonly<Record<string, string>>;

/** The words for an action; its code when this console does not know it. */
export function actionLabel(labels: Labels, action: string): string {
  return labels[action] ?? action;
}
