import { defineMessages } from '@/i18n';

/** The users table (the page's forms and dialogs have their own words). */
export const usersTableMessages = defineMessages(
  {
    caption: 'Users of the organisation',
    columns: {
      user: 'User',
      roles: 'Roles',
      status: 'Status',
      twoStep: 'Two-step',
      added: 'Added',
      actions: 'Actions',
    },
    loading: 'Loading users',
    failed: 'Users could not be loaded',
    you: '(you)',
    on: 'On',
    off: 'Off',
  },
  {
    de: {
      caption: 'Benutzer der Organisation',
      columns: {
        user: 'Benutzer',
        roles: 'Rollen',
        status: 'Status',
        twoStep: 'Zwei-Faktor',
        added: 'Hinzugefügt',
        actions: 'Aktionen',
      },
      loading: 'Benutzer werden geladen',
      failed: 'Die Benutzer konnten nicht geladen werden',
      you: '(Sie)',
      on: 'An',
      off: 'Aus',
    },
  },
);
