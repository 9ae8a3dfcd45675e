import { defineMessages } from '@/i18n';

/** Words the kit's own states and buttons say: loading, failures, forbidden pages, copying. */
export const kitMessages = defineMessages(
  {
    loading: 'Loading',
    loadFailed: 'This could not be loaded',
    roleForbids: 'Your role does not allow this',
    reference: (requestId: string) => `Reference: ${requestId}`,
    tryAgain: 'Try again',
    forbiddenTitle: 'Your role does not include this page',
    forbiddenText: 'Ask an owner or administrator of your organisation if you need access.',
    toOverview: 'Go to the overview',
    copy: 'Copy',
    copied: 'Copied',
    copyUnavailable: 'Copying is not available here: select the text and copy it.',
  },
  {
    de: {
      loading: 'Wird geladen',
      loadFailed: 'Das konnte nicht geladen werden',
      roleForbids: 'Ihre Rolle erlaubt das nicht',
      reference: (requestId) => `Referenz: ${requestId}`,
      tryAgain: 'Erneut versuchen',
      forbiddenTitle: 'Ihre Rolle umfasst diese Seite nicht',
      forbiddenText:
        'Wenden Sie sich an einen Inhaber oder Administrator Ihrer Organisation, wenn Sie Zugriff brauchen.',
      toOverview: 'Zur Übersicht',
      copy: 'Kopieren',
      copied: 'Kopiert',
      copyUnavailable: 'Kopieren ist hier nicht möglich: Markieren Sie den Text und kopieren Sie ihn.',
    },
  },
);
