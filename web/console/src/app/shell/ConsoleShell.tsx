import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { BookOpen } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { hasPermission } from '@/kit/permissions';
import { useMe } from '@/kit/session';
import { navigation } from '../navigation';
import { BrandMark } from '@/kit/BrandMark';
import { TenantCard } from './TenantCard';
import { UserMenu } from './UserMenu';

/** Moves focus to the page after a navigation, so keyboard and screen-reader users start there. */
function useFocusMainOnNavigate() {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [pathname]);
  return main;
}

export function ConsoleShell() {
  const me = useMe();
  const main = useFocusMainOnNavigate();
  const sections = navigation
    .map((section) => ({ ...section, items: section.items.filter((item) => !item.permission || hasPermission(me?.permissions, item.permission)) }))
    .filter((section) => section.items.length > 0);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <Link to="/" className="sidebar__brand" aria-label="Switchboard overview">
          <BrandMark />
          <span>Switchboard</span>
        </Link>
        <TenantCard />
        <nav className="sidebar__nav" aria-label="Console">
          {sections.map((section) => (
            <div key={section.title} className="nav-section">
              <h2 className="nav-section__title" id={`nav-${section.title}`}>
                {section.title}
              </h2>
              <ul aria-labelledby={`nav-${section.title}`}>
                {section.items.map((item) => (
                  <li key={item.label}>
                    <Link to={item.to} className="nav-link" activeOptions={{ exact: item.exact ?? item.to === '/' }}>
                      <item.icon aria-hidden="true" />
                      <span>{item.label}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <div className="sidebar__footer">
          <a href="/docs" target="_blank" rel="noreferrer" className="nav-link nav-link--quiet">
            <BookOpen aria-hidden="true" />
            <span>API reference</span>
          </a>
        </div>
      </aside>
      <div className="shell__main">
        <header className="topbar">
          <div className="topbar__spacer" />
          <UserMenu />
        </header>
        <main id="main" ref={main} tabIndex={-1} className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
