import { defineMessages } from '@/i18n';

export const customersNavigationMessages = defineMessages(
  { section: 'Customers & privacy', customers: 'Customers', segments: 'Segments' },
  { de: { section: 'Kunden & Datenschutz', customers: 'Kunden', segments: 'Segmente' } },
);
