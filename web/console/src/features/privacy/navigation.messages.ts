import { defineMessages } from '@/i18n';

export const privacyNavigationMessages = defineMessages(
  { section: 'Customers & privacy', requests: 'Data-subject requests' },
  { de: { section: 'Kunden & Datenschutz', requests: 'Betroffenenanfragen' } },
);
