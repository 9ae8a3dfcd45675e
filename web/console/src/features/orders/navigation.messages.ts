import { defineMessages } from '@/i18n';

export const ordersNavigationMessages = defineMessages(
  { commerce: 'Commerce', orders: 'Orders', analytics: 'Order analytics' },
  { de: { commerce: 'Handel', orders: 'Bestellungen', analytics: 'Bestellauswertung' } },
);
