import { Link, Outlet } from '@tanstack/react-router';
import { Bell, Package, ShoppingBag, ShoppingCart, UserRound } from 'lucide-react';
import { localeNames, locales, setLocale, useLocale, useMessages, type Locale } from '@/i18n';
import { BrandMark } from '@/kit/BrandMark';
import { useLiveNotifications, useUnreadCount } from '@portal/notifications/live';
import { itemCount, useCart } from '@portal/shop/cart';
import { appMessages } from './app.messages';
import { useSession } from './session';

/** A tab's name with a count badge; screen readers hear one phrase ("Cart, 2 items"), not "Cart 2". */
function Counted({ label, count, spoken }: { label: string; count: number; spoken: string }) {
  if (count === 0) return <span>{label}</span>;
  return (
    <>
      <span aria-hidden="true">{label}</span>
      <span className="portal-nav__badge" aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">{spoken}</span>
    </>
  );
}

/**
 * The frame of every signed-in page, phone first: the shop's name on top, the five places as a
 * tab bar at the bottom of a phone's screen (in the header from 760 px on), the page between.
 */
export function PortalShell() {
  const m = useMessages(appMessages);
  const locale = useLocale();
  const signedIn = useSession()?.kind === 'signedIn';
  useLiveNotifications(signedIn);
  const count = itemCount(useCart());
  const unread = useUnreadCount();
  const item = 'portal-nav__item';
  const active = { className: `${item} is-active`, 'aria-current': 'page' as const };
  return (
    <div className="portal">
      <a className="skip-link" href="#main">
        {m.skip}
      </a>
      <header className="portal-header">
        <Link to="/" search={{}} className="portal-brand">
          <BrandMark size={26} />
          <span>{m.shop}</span>
        </Link>
        <nav className="portal-nav" aria-label={m.nav.label}>
          <Link
            to="/"
            search={{}}
            className={item}
            activeProps={active}
            activeOptions={{ exact: true, includeSearch: false }}
          >
            <ShoppingBag aria-hidden="true" />
            <span>{m.nav.products}</span>
          </Link>
          <Link to="/cart" className={item} activeProps={active}>
            <ShoppingCart aria-hidden="true" />
            <Counted label={m.nav.cart} count={count} spoken={m.nav.cartCount(count)} />
          </Link>
          <Link to="/orders" className={item} activeProps={active}>
            <Package aria-hidden="true" />
            <span>{m.nav.orders}</span>
          </Link>
          <Link to="/notifications" className={item} activeProps={active}>
            <Bell aria-hidden="true" />
            <Counted label={m.nav.notifications} count={unread} spoken={m.nav.notificationsUnread(unread)} />
          </Link>
          <Link to="/account" className={item} activeProps={active}>
            <UserRound aria-hidden="true" />
            <span>{m.nav.account}</span>
          </Link>
        </nav>
      </header>
      <main className="portal-main" id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="portal-footer">
        <label className="portal-footer__language">
          <span>{m.language}</span>
          <select className="select" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {localeNames[l]}
              </option>
            ))}
          </select>
        </label>
      </footer>
    </div>
  );
}
