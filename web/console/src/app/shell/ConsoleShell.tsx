import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useMessages } from '@/i18n';
import { NotificationBell } from '@/features/notifications';
import { BrandMark } from '@/kit/BrandMark';
import { appMessages } from '../app.messages';
import { InShellContext } from './in-shell';
import { NavigationDrawer } from './NavigationDrawer';
import { SideNavigation } from './SideNavigation';
import { useMediaQuery } from './useMediaQuery';
import { UserMenu } from './UserMenu';

/** Below this width the side column gives way to a menu button and a drawer (shell.css has the same figure). */
export const drawerQuery = '(max-width: 899.98px)';
const collapsedKey = 'switchboard.navigation.collapsed';

/** Moves focus to the page after a navigation, so keyboard and screen-reader users start there. */
function useFocusMainOnNavigate(pathname: string) {
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

/** The desktop's choice of a folded side column, kept in this browser. */
function useCollapsed(): [boolean, (collapsed: boolean) => void] {
  const [collapsed, setCollapsed] = useState(() => {
    try {
      return localStorage.getItem(collapsedKey) === 'true';
    } catch {
      return false;
    }
  });
  const set = (next: boolean) => {
    setCollapsed(next);
    try {
      localStorage.setItem(collapsedKey, String(next));
    } catch {
      // kept for this page only
    }
  };
  return [collapsed, set];
}

export function ConsoleShell() {
  const m = useMessages(appMessages).shell;
  const location = useRouterState({ select: (s) => s.location });
  const main = useFocusMainOnNavigate(location.pathname);
  const small = useMediaQuery(drawerQuery);
  const [collapsed, setCollapsed] = useCollapsed();
  // The drawer is open at the address it was opened at: following a link closes it.
  const [drawerOpenAt, setDrawerOpenAt] = useState<string>();
  const drawerOpen = small && drawerOpenAt === location.href;
  const folded = collapsed && !small;

  return (
    <div className="shell" data-navigation={folded ? 'collapsed' : 'expanded'}>
      <a className="skip-link" href="#main">
        {m.skipToContent}
      </a>
      {small ? null : (
        <aside className="sidebar" aria-label={m.navigation}>
          <SideNavigation collapsed={folded} idPrefix="side" />
          <button
            type="button"
            className="nav-link nav-link--quiet sidebar__collapse"
            title={folded ? m.expandNavigation : undefined}
            onClick={() => setCollapsed(!folded)}
          >
            {folded ? <PanelLeftOpen aria-hidden="true" /> : <PanelLeftClose aria-hidden="true" />}
            <span className="sidebar__label">{folded ? m.expandNavigation : m.collapseNavigation}</span>
          </button>
        </aside>
      )}
      <div className="shell__main">
        <header className="topbar">
          {small ? (
            <>
              <NavigationDrawer
                open={drawerOpen}
                onOpenChange={(open) => setDrawerOpenAt(open ? location.href : undefined)}
              />
              <Link to="/" className="topbar__brand" aria-label={m.brandHome}>
                <BrandMark />
              </Link>
            </>
          ) : null}
          <div className="topbar__spacer" />
          <NotificationBell />
          <UserMenu />
        </header>
        <main id="main" ref={main} tabIndex={-1} className="content">
          <InShellContext.Provider value>
            <Outlet />
          </InShellContext.Provider>
        </main>
      </div>
    </div>
  );
}
