import { defineMessages } from '@/i18n';

/** The frame around every page: shell, user menu, the views of the router, the last-line error page. */
export const appMessages = defineMessages(
  {
    shell: {
      skipToContent: 'Skip to content',
      brandHome: 'Switchboard overview',
      navigation: 'Console',
      openNavigation: 'Open navigation',
      closeNavigation: 'Close navigation',
      collapseNavigation: 'Collapse navigation',
      expandNavigation: 'Expand navigation',
      apiReference: 'API reference',
      organisation: 'Organisation',
    },
    userMenu: {
      accountMenu: 'Account menu',
      signedInTo: (tenant: string) => `Signed in to ${tenant}`,
      account: 'Account and security',
      language: 'Language',
      signOut: 'Sign out',
      signOutEverywhere: 'Sign out everywhere…',
      confirmTitle: 'Sign out everywhere?',
      confirmText:
        'Every session of your account ends: this browser, other browsers and devices. Each needs your password again.',
      confirmAction: 'Sign out everywhere',
      signedOutEverywhere: 'Signed out everywhere',
      sessionsEnded: (count: string, one: boolean) =>
        `${count} ${one ? 'session was' : 'sessions were'} ended.`,
    },
    session: {
      endedTitle: 'Your session has ended',
      endedText: 'Sign in again to carry on where you were.',
    },
    views: {
      loading: 'Loading…',
      notFoundTitle: 'This page does not exist',
      notFoundText: 'The address may be mistyped, or the page may have moved.',
      notFoundAction: 'Go to the overview',
      updatedTitle: 'Switchboard was updated',
      updatedText: 'Reload to get the new version.',
      failedTitle: 'This page could not be shown',
      reference: (id: string) => `Reference: ${id}`,
      reload: 'Reload',
      tryAgain: 'Try again',
    },
    fatal: {
      title: 'Switchboard stopped working in this tab',
      text: 'Reloading usually fixes it. If it keeps happening, tell your administrator what you were doing and this message:',
      reload: 'Reload',
    },
  },
  {
    de: {
      shell: {
        skipToContent: 'Zum Inhalt springen',
        brandHome: 'Switchboard-Übersicht',
        navigation: 'Konsole',
        openNavigation: 'Navigation öffnen',
        closeNavigation: 'Navigation schließen',
        collapseNavigation: 'Navigation einklappen',
        expandNavigation: 'Navigation ausklappen',
        apiReference: 'API-Referenz',
        organisation: 'Organisation',
      },
      userMenu: {
        accountMenu: 'Kontomenü',
        signedInTo: (tenant) => `Angemeldet bei ${tenant}`,
        account: 'Konto und Sicherheit',
        language: 'Sprache',
        signOut: 'Abmelden',
        signOutEverywhere: 'Überall abmelden…',
        confirmTitle: 'Überall abmelden?',
        confirmText:
          'Jede Sitzung Ihres Kontos endet: in diesem Browser, in anderen Browsern und auf anderen Geräten. Jede braucht danach wieder Ihr Passwort.',
        confirmAction: 'Überall abmelden',
        signedOutEverywhere: 'Überall abgemeldet',
        sessionsEnded: (count, one) => `${count} ${one ? 'Sitzung wurde' : 'Sitzungen wurden'} beendet.`,
      },
      session: {
        endedTitle: 'Ihre Sitzung ist abgelaufen',
        endedText: 'Melden Sie sich erneut an, um dort weiterzumachen, wo Sie waren.',
      },
      views: {
        loading: 'Wird geladen…',
        notFoundTitle: 'Diese Seite gibt es nicht',
        notFoundText: 'Die Adresse ist vielleicht falsch geschrieben, oder die Seite ist umgezogen.',
        notFoundAction: 'Zur Übersicht',
        updatedTitle: 'Switchboard wurde aktualisiert',
        updatedText: 'Laden Sie die Seite neu, um die neue Version zu erhalten.',
        failedTitle: 'Diese Seite konnte nicht angezeigt werden',
        reference: (id) => `Referenz: ${id}`,
        reload: 'Neu laden',
        tryAgain: 'Erneut versuchen',
      },
      fatal: {
        title: 'Switchboard funktioniert in diesem Tab nicht mehr',
        text: 'Neu laden hilft meistens. Wenn es wieder passiert, sagen Sie Ihrer Administration, was Sie gerade getan haben, und nennen Sie diese Meldung:',
        reload: 'Neu laden',
      },
    },
  },
);
