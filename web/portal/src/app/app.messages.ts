import { defineMessages } from '@/i18n';

export const appMessages = defineMessages(
  {
    shop: 'Shop',
    skip: 'Skip to content',
    nav: {
      label: 'Shop',
      products: 'Products',
      cart: 'Cart',
      cartCount: (n: number) => (n === 1 ? 'Cart, 1 item' : `Cart, ${n} items`),
      orders: 'Orders',
      notifications: 'Notifications',
      notificationsUnread: (n: number) => `Notifications, ${n} unread`,
      account: 'Account',
    },
    language: 'Language',
    signOut: 'Sign out',
    notFoundTitle: 'This page does not exist',
    notFoundText: 'The link may be old. Go back to the products.',
    toProducts: 'To the products',
    failedTitle: 'Something went wrong on this page',
    sessionEnded: 'You were signed out. Sign in again to go on.',
  },
  {
    de: {
      shop: 'Shop',
      skip: 'Zum Inhalt springen',
      nav: {
        label: 'Shop',
        products: 'Produkte',
        cart: 'Warenkorb',
        cartCount: (n) => (n === 1 ? 'Warenkorb, 1 Artikel' : `Warenkorb, ${n} Artikel`),
        orders: 'Bestellungen',
        notifications: 'Mitteilungen',
        notificationsUnread: (n) => `Mitteilungen, ${n} ungelesen`,
        account: 'Konto',
      },
      language: 'Sprache',
      signOut: 'Abmelden',
      notFoundTitle: 'Diese Seite gibt es nicht',
      notFoundText: 'Der Link ist vielleicht veraltet. Zurück zu den Produkten.',
      toProducts: 'Zu den Produkten',
      failedTitle: 'Auf dieser Seite ist etwas schiefgegangen',
      sessionEnded: 'Sie wurden abgemeldet. Melden Sie sich erneut an, um fortzufahren.',
    },
  },
);
