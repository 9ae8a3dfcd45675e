import { defineMessages } from '@/i18n';

/** Sign-in, two-step enrolment, the identity provider's return, account and security. */
export const authMessages = defineMessages(
  {
    signIn: {
      documentTitle: 'Sign in · Switchboard',
      headline: 'Every conversation your teams have, in one place.',
      pitchCalls: 'Call records from any phone system, searchable in seconds',
      pitchQuality: 'Quality, outcomes and campaigns your supervisors can act on',
      pitchSecurity: 'Encrypted, audited, and run on your own infrastructure',
      foot: 'Open source · self-hosted',
      title: 'Sign in to Switchboard',
      lead: 'Use the account your organisation set up for you.',
    },
    form: {
      organisation: 'Organisation',
      organisationHint: 'The sign-in name your administrator gave you, such as acme.',
      email: 'E-mail address',
      password: 'Password',
      code: 'Authenticator code',
      codeHint: 'Open your authenticator app and enter the 6-digit code for Switchboard.',
      submit: 'Sign in',
      submitting: 'Signing in…',
      needOrganisation: 'Enter your organisation’s sign-in name.',
      needEmail: 'Enter your e-mail address.',
      badEmail: 'Enter an e-mail address such as name@example.com.',
      needPassword: 'Enter your password.',
      needCode: 'Enter the 6-digit code from your authenticator app.',
      wrongCode: 'That code is not right, or it has expired. Enter the current code.',
      wrongCredentials: 'The organisation, e-mail address or password is not right.',
      locked: (when: string) =>
        `Too many failed attempts: this account is locked for now. Try again ${when}.`,
      later: 'later',
      rateLimited: (when: string) => `Too many sign-in attempts from here. Try again ${when}.`,
      inAMinute: 'in a minute',
    },
    totp: {
      start: 'Set up an authenticator app',
      scan: 'Scan this code',
      scanWith:
        'with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…).',
      qrTitle: 'QR code for your authenticator app',
      cannotScan: 'Cannot scan it? Enter this key in the app instead:',
      key: 'Authenticator key',
      copyKey: 'Copy key',
      code: 'Code from the app',
      codeHint: '6 digits; it changes every 30 seconds.',
      turnOn: 'Turn on two-step verification',
      needCode: 'Enter the 6-digit code from your authenticator app.',
      wrongCode: 'That code is not right. Enter the code your app shows now.',
    },
    enrol: {
      documentTitle: 'Two-step verification · Switchboard',
      eyebrow: 'One more step',
      title: 'Protect your account with two-step verification',
      lead: 'Your organisation requires owners and administrators to confirm each sign-in with a code from an authenticator app. Set one up now to continue.',
      start: 'Set up my authenticator app',
      cancel: 'Cancel and sign out',
      doneTitle: 'Two-step verification is on',
      doneText: 'Sign in again with your password and a code from the app.',
    },
    callback: {
      documentTitle: 'Signing in · Switchboard',
      failedTitle: 'You are not signed in',
      back: 'Back to sign-in',
      busyTitle: 'Signing you in…',
      busyText: 'Checking the answer from your identity provider.',
    },
    providers: {
      section: 'Other ways to sign in',
      or: 'or',
      signInWith: (name: string) => `Sign in with ${name}`,
      cannotFinish: 'This sign-in cannot be finished here',
      notThisTab:
        'It was not started in this browser tab, or it has already been finished. Start again from the sign-in page.',
      otherSignIn: (provider: string) =>
        `The answer from ${provider} does not belong to the sign-in this tab started, so it was ignored. Start again from the sign-in page.`,
      didNotSignIn: (provider: string) => `${provider} did not sign you in`,
      declined: (provider: string) =>
        `You declined, or ${provider} refused, to let Switchboard use your account. You are not signed in.`,
      answered: (provider: string, answer: string) =>
        `${provider} answered: ${answer}. Start again, or ask your administrator.`,
      tooLongTitle: 'This sign-in took too long',
      tooLong:
        'For your security a sign-in must be finished within 15 minutes. Start again from the sign-in page.',
      noCode: (provider: string) =>
        `${provider} sent no sign-in code back. Start again from the sign-in page.`,
      failedTitle: (provider: string) => `Signing in with ${provider} did not work`,
      unknown: 'Something went wrong. Start again from the sign-in page.',
      codeRejected: (provider: string) =>
        `${provider} no longer accepts this sign-in: it may have expired or been used already. Start again.`,
      invalidToken: (provider: string) =>
        `The answer from ${provider} could not be verified, so you were not signed in. Start again; if this keeps happening, tell your administrator.`,
      wrongTenant: (provider: string, tenant: string) =>
        `Your ${provider} account belongs to another organisation than “${tenant}”. Sign in with the account your organisation gave you.`,
      noRole: (provider: string, tenant: string) =>
        `Your ${provider} account has no access to Switchboard in “${tenant}” yet. Ask your administrator to give you a role.`,
      providerGone: (provider: string, tenant: string) =>
        `${provider} is no longer a sign-in option of “${tenant}”. Sign in another way, or ask your administrator.`,
      redirectUri: (detail: string) => `${detail} Open the console at that address and sign in again.`,
    },
    firstRun: {
      title: 'Set up Switchboard',
      lead: 'Nobody can sign in yet. In the Switchboard folder, in a second terminal while it runs, create your organisation and its first owner:',
      password:
        'It asks for a password of 12 characters or more. Then sign in below with organisation “acme”.',
    },
    account: {
      title: 'Account and security',
      description: 'Your profile in this organisation, how you sign in, and where you are signed in.',
      profile: 'Profile',
      email: 'E-mail address',
      name: 'Name',
      notSet: 'Not set',
      roles: 'Roles',
      organisation: 'Organisation',
      memberSince: 'Member since',
      loading: 'Loading your profile',
      mfaTitle: 'Two-step verification',
      mfaDescription:
        'A code from an authenticator app on your phone, asked for at each sign-in after your password.',
      on: 'On',
      off: 'Off',
      mfaIsOn: 'Two-step verification is on: each sign-in asks for a code from your authenticator app.',
      enrolledTitle: 'Two-step verification is on',
      enrolledText: 'From your next sign-in, Switchboard asks for a code.',
      sessions: 'Sessions',
      sessionsDescription:
        'Signed in somewhere you no longer use, or lost a device? End every session of your account at once.',
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
  },
  {
    de: {
      signIn: {
        documentTitle: 'Anmelden · Switchboard',
        headline: 'Jedes Gespräch Ihrer Teams an einem Ort.',
        pitchCalls: 'Anrufdaten aus jeder Telefonanlage, in Sekunden durchsuchbar',
        pitchQuality: 'Qualität, Ergebnisse und Kampagnen, mit denen Ihre Teamleitungen arbeiten können',
        pitchSecurity: 'Verschlüsselt, protokolliert und auf Ihrer eigenen Infrastruktur betrieben',
        foot: 'Open Source · selbst betrieben',
        title: 'Bei Switchboard anmelden',
        lead: 'Verwenden Sie das Konto, das Ihre Organisation für Sie eingerichtet hat.',
      },
      form: {
        organisation: 'Organisation',
        organisationHint: 'Der Anmeldename, den Ihre Administration Ihnen gegeben hat, etwa acme.',
        email: 'E-Mail-Adresse',
        password: 'Passwort',
        code: 'Code aus der Authenticator-App',
        codeHint: 'Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code für Switchboard ein.',
        submit: 'Anmelden',
        submitting: 'Anmeldung läuft…',
        needOrganisation: 'Geben Sie den Anmeldenamen Ihrer Organisation ein.',
        needEmail: 'Geben Sie Ihre E-Mail-Adresse ein.',
        badEmail: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
        needPassword: 'Geben Sie Ihr Passwort ein.',
        needCode: 'Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.',
        wrongCode: 'Dieser Code stimmt nicht oder ist abgelaufen. Geben Sie den aktuellen Code ein.',
        wrongCredentials: 'Organisation, E-Mail-Adresse oder Passwort stimmen nicht.',
        locked: (when) =>
          `Zu viele Fehlversuche: Dieses Konto ist vorerst gesperrt. Versuchen Sie es ${when} erneut.`,
        later: 'später',
        rateLimited: (when) => `Zu viele Anmeldeversuche von hier. Versuchen Sie es ${when} erneut.`,
        inAMinute: 'in einer Minute',
      },
      totp: {
        start: 'Authenticator-App einrichten',
        scan: 'Scannen Sie diesen Code',
        scanWith:
          'mit einer Authenticator-App (Google Authenticator, Microsoft Authenticator, 1Password, Authy…).',
        qrTitle: 'QR-Code für Ihre Authenticator-App',
        cannotScan: 'Scannen klappt nicht? Geben Sie stattdessen diesen Schlüssel in der App ein:',
        key: 'Authenticator-Schlüssel',
        copyKey: 'Schlüssel kopieren',
        code: 'Code aus der App',
        codeHint: '6 Ziffern; er wechselt alle 30 Sekunden.',
        turnOn: 'Zwei-Faktor-Anmeldung einschalten',
        needCode: 'Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.',
        wrongCode: 'Dieser Code stimmt nicht. Geben Sie den Code ein, den Ihre App jetzt zeigt.',
      },
      enrol: {
        documentTitle: 'Zwei-Faktor-Anmeldung · Switchboard',
        eyebrow: 'Noch ein Schritt',
        title: 'Schützen Sie Ihr Konto mit der Zwei-Faktor-Anmeldung',
        lead: 'Ihre Organisation verlangt, dass Inhaber und Administratoren jede Anmeldung mit einem Code aus einer Authenticator-App bestätigen. Richten Sie jetzt eine ein, um fortzufahren.',
        start: 'Meine Authenticator-App einrichten',
        cancel: 'Abbrechen und abmelden',
        doneTitle: 'Die Zwei-Faktor-Anmeldung ist eingeschaltet',
        doneText: 'Melden Sie sich erneut mit Ihrem Passwort und einem Code aus der App an.',
      },
      callback: {
        documentTitle: 'Anmeldung · Switchboard',
        failedTitle: 'Sie sind nicht angemeldet',
        back: 'Zurück zur Anmeldung',
        busyTitle: 'Sie werden angemeldet…',
        busyText: 'Die Antwort Ihres Identitätsanbieters wird geprüft.',
      },
      providers: {
        section: 'Andere Anmeldewege',
        or: 'oder',
        signInWith: (name) => `Mit ${name} anmelden`,
        cannotFinish: 'Diese Anmeldung kann hier nicht abgeschlossen werden',
        notThisTab:
          'Sie wurde nicht in diesem Browser-Tab begonnen oder ist bereits abgeschlossen. Beginnen Sie erneut auf der Anmeldeseite.',
        otherSignIn: (provider) =>
          `Die Antwort von ${provider} gehört nicht zu der Anmeldung, die dieser Tab begonnen hat, und wurde ignoriert. Beginnen Sie erneut auf der Anmeldeseite.`,
        didNotSignIn: (provider) => `${provider} hat Sie nicht angemeldet`,
        declined: (provider) =>
          `Sie haben abgelehnt, oder ${provider} hat verweigert, dass Switchboard Ihr Konto verwendet. Sie sind nicht angemeldet.`,
        answered: (provider, answer) =>
          `${provider} antwortete: ${answer}. Beginnen Sie erneut oder fragen Sie Ihre Administration.`,
        tooLongTitle: 'Diese Anmeldung hat zu lange gedauert',
        tooLong:
          'Zu Ihrer Sicherheit muss eine Anmeldung innerhalb von 15 Minuten abgeschlossen sein. Beginnen Sie erneut auf der Anmeldeseite.',
        noCode: (provider) =>
          `${provider} hat keinen Anmeldecode zurückgeschickt. Beginnen Sie erneut auf der Anmeldeseite.`,
        failedTitle: (provider) => `Die Anmeldung mit ${provider} hat nicht funktioniert`,
        unknown: 'Etwas ist schiefgegangen. Beginnen Sie erneut auf der Anmeldeseite.',
        codeRejected: (provider) =>
          `${provider} akzeptiert diese Anmeldung nicht mehr: Sie ist vielleicht abgelaufen oder wurde schon verwendet. Beginnen Sie erneut.`,
        invalidToken: (provider) =>
          `Die Antwort von ${provider} konnte nicht geprüft werden, daher wurden Sie nicht angemeldet. Beginnen Sie erneut; wenn das wieder passiert, informieren Sie Ihre Administration.`,
        wrongTenant: (provider, tenant) =>
          `Ihr ${provider}-Konto gehört zu einer anderen Organisation als „${tenant}“. Melden Sie sich mit dem Konto an, das Ihre Organisation Ihnen gegeben hat.`,
        noRole: (provider, tenant) =>
          `Ihr ${provider}-Konto hat noch keinen Zugang zu Switchboard in „${tenant}“. Bitten Sie Ihre Administration, Ihnen eine Rolle zu geben.`,
        providerGone: (provider, tenant) =>
          `${provider} ist keine Anmeldeoption von „${tenant}“ mehr. Melden Sie sich anders an oder fragen Sie Ihre Administration.`,
        redirectUri: (detail) =>
          `${detail} Öffnen Sie die Konsole unter dieser Adresse und melden Sie sich erneut an.`,
      },
      firstRun: {
        title: 'Switchboard einrichten',
        lead: 'Noch kann sich niemand anmelden. Legen Sie im Switchboard-Ordner, in einem zweiten Terminal, während es läuft, Ihre Organisation und ihren ersten Inhaber an:',
        password:
          'Es fragt nach einem Passwort mit mindestens 12 Zeichen. Melden Sie sich danach unten mit der Organisation „acme“ an.',
      },
      account: {
        title: 'Konto und Sicherheit',
        description: 'Ihr Profil in dieser Organisation, wie Sie sich anmelden und wo Sie angemeldet sind.',
        profile: 'Profil',
        email: 'E-Mail-Adresse',
        name: 'Name',
        notSet: 'Nicht angegeben',
        roles: 'Rollen',
        organisation: 'Organisation',
        memberSince: 'Mitglied seit',
        loading: 'Ihr Profil wird geladen',
        mfaTitle: 'Zwei-Faktor-Anmeldung',
        mfaDescription:
          'Ein Code aus einer Authenticator-App auf Ihrem Telefon, bei jeder Anmeldung nach dem Passwort abgefragt.',
        on: 'Ein',
        off: 'Aus',
        mfaIsOn:
          'Die Zwei-Faktor-Anmeldung ist eingeschaltet: Jede Anmeldung fragt nach einem Code aus Ihrer Authenticator-App.',
        enrolledTitle: 'Die Zwei-Faktor-Anmeldung ist eingeschaltet',
        enrolledText: 'Ab Ihrer nächsten Anmeldung fragt Switchboard nach einem Code.',
        sessions: 'Sitzungen',
        sessionsDescription:
          'Irgendwo angemeldet, wo Sie nicht mehr arbeiten, oder ein Gerät verloren? Beenden Sie alle Sitzungen Ihres Kontos auf einmal.',
        signOut: 'Abmelden',
        signOutEverywhere: 'Überall abmelden…',
        confirmTitle: 'Überall abmelden?',
        confirmText:
          'Jede Sitzung Ihres Kontos endet: in diesem Browser, in anderen Browsern und auf anderen Geräten. Jede braucht danach wieder Ihr Passwort.',
        confirmAction: 'Überall abmelden',
        signedOutEverywhere: 'Überall abgemeldet',
        sessionsEnded: (count, one) => `${count} ${one ? 'Sitzung wurde' : 'Sitzungen wurden'} beendet.`,
      },
    },
  },
);
