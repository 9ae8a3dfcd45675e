import { defineMessages } from '@/i18n';

export const authMessages = defineMessages(
  {
    signIn: {
      title: 'Sign in',
      intro: 'Sign in to shop, follow your orders and manage your data.',
      shop: 'Shop',
      shopHint: 'The name of the shop, as in the link you were given.',
      email: 'E-mail address',
      password: 'Password',
      submit: 'Sign in',
      or: 'or',
      with: (name: string) => `Sign in with ${name}`,
      noAccount: 'No account yet?',
      signUp: 'Create an account',
      required: 'Enter this.',
      unverified: 'Confirm your e-mail address first: open the link we sent you.',
    },
    signUp: {
      title: 'Create an account',
      intro: 'We send you an e-mail with a link to confirm your address.',
      name: 'Your name',
      passwordHint: 'At least 12 characters.',
      submit: 'Create account',
      sentTitle: 'Check your e-mail',
      sentText: (email: string) =>
        `If ${email} can be used for an account here, a confirmation link is on its way. Open it to finish.`,
      haveAccount: 'Already have an account?',
      tooShort: 'Use at least 12 characters.',
    },
    verify: {
      title: 'Confirming your e-mail address',
      working: 'One moment…',
      failedTitle: 'This link does not work',
      failedText:
        'It may have been used already or be older than 24 hours. Sign in, or create the account again.',
      missing: 'The link is incomplete: open it from the e-mail again.',
    },
    callback: {
      title: 'Signing you in',
      failedTitle: 'Sign-in did not complete',
      stale: 'This sign-in was not started here, or it was already used. Start again.',
      denied: (reason: string) => `The provider ended the sign-in: ${reason}`,
      again: 'Back to sign-in',
    },
  },
  {
    de: {
      signIn: {
        title: 'Anmelden',
        intro: 'Melden Sie sich an, um einzukaufen, Bestellungen zu verfolgen und Ihre Daten zu verwalten.',
        shop: 'Shop',
        shopHint: 'Der Name des Shops, wie im Link, den Sie erhalten haben.',
        email: 'E-Mail-Adresse',
        password: 'Passwort',
        submit: 'Anmelden',
        or: 'oder',
        with: (name) => `Mit ${name} anmelden`,
        noAccount: 'Noch kein Konto?',
        signUp: 'Konto erstellen',
        required: 'Bitte ausfüllen.',
        unverified:
          'Bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den wir Ihnen geschickt haben.',
      },
      signUp: {
        title: 'Konto erstellen',
        intro: 'Wir senden Ihnen eine E-Mail mit einem Link, um Ihre Adresse zu bestätigen.',
        name: 'Ihr Name',
        passwordHint: 'Mindestens 12 Zeichen.',
        submit: 'Konto erstellen',
        sentTitle: 'Sehen Sie in Ihr Postfach',
        sentText: (email) =>
          `Wenn ${email} hier für ein Konto verwendet werden kann, ist ein Bestätigungslink unterwegs. Öffnen Sie ihn, um abzuschließen.`,
        haveAccount: 'Sie haben schon ein Konto?',
        tooShort: 'Verwenden Sie mindestens 12 Zeichen.',
      },
      verify: {
        title: 'Ihre E-Mail-Adresse wird bestätigt',
        working: 'Einen Moment…',
        failedTitle: 'Dieser Link funktioniert nicht',
        failedText:
          'Er wurde vielleicht schon verwendet oder ist älter als 24 Stunden. Melden Sie sich an oder erstellen Sie das Konto erneut.',
        missing: 'Der Link ist unvollständig: Öffnen Sie ihn erneut aus der E-Mail.',
      },
      callback: {
        title: 'Sie werden angemeldet',
        failedTitle: 'Die Anmeldung wurde nicht abgeschlossen',
        stale: 'Diese Anmeldung wurde nicht hier begonnen oder schon verwendet. Beginnen Sie erneut.',
        denied: (reason) => `Der Anbieter hat die Anmeldung beendet: ${reason}`,
        again: 'Zurück zur Anmeldung',
      },
    },
  },
);
