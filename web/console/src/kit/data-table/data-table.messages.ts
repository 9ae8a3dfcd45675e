import { defineMessages } from '@/i18n';

/** The words of the data-table kit, shared by every table of the console. */
export const dataTableMessages = defineMessages(
  {
    about: (count: string) => `about ${count}`,
    columns: 'Columns',
    columnsMenu: 'Show or hide columns',
    sortBy: 'Sort by',
    sortAscending: (column: string) => `${column}, ascending`,
    sortDescending: (column: string) => `${column}, descending`,
    loadMore: 'Load more',
    rowsHint: 'Arrow keys move between rows, Enter opens one.',
  },
  {
    de: {
      about: (count) => `etwa ${count}`,
      columns: 'Spalten',
      columnsMenu: 'Spalten ein- oder ausblenden',
      sortBy: 'Sortieren nach',
      sortAscending: (column) => `${column}, aufsteigend`,
      sortDescending: (column) => `${column}, absteigend`,
      loadMore: 'Mehr laden',
      rowsHint: 'Pfeiltasten wechseln die Zeile, Eingabe öffnet sie.',
    },
  },
);
