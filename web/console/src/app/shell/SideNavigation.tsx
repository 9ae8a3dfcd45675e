import { Link } from '@tanstack/react-router';
import { BookOpen } from 'lucide-react';
import { useMessages } from '@/i18n';
import { BrandMark } from '@/kit/BrandMark';
import { hasPermission } from '@/kit/permissions';
import { useMe } from '@/kit/session';
import { appMessages } from '../app.messages';
import { navigation } from '../navigation';
import { TenantCard } from './TenantCard';

/**
 * The brand, the organisation and the sections the reader may open: the same in the desktop's
 * side column (which can fold to icons) and in the phone's drawer.
 */
export function SideNavigation({ collapsed = false, idPrefix }: { collapsed?: boolean; idPrefix: string }) {
  const me = useMe();
  const m = useMessages(appMessages).shell;
  const sections = navigation
    .map((section) => ({
      ...section,
      items: section.items.filter(
        (item) => !item.permission || hasPermission(me?.permissions, item.permission),
      ),
    }))
    .filter((section) => section.items.length > 0);

  return (
    <>
      <Link to="/" className="sidebar__brand" aria-label={m.brandHome}>
        <BrandMark />
        <span className="sidebar__label">Switchboard</span>
      </Link>
      <TenantCard />
      <nav className="sidebar__nav" aria-label={m.navigation}>
        {sections.map((section) => {
          const id = `${idPrefix}-nav-${section.id}`;
          return (
            <div key={section.id} className="nav-section">
              <h2 className="nav-section__title" id={id}>
                {section.title()}
              </h2>
              <ul aria-labelledby={id}>
                {section.items.map((item) => {
                  const label = item.label();
                  return (
                    <li key={String(item.to)}>
                      <Link
                        to={item.to}
                        className="nav-link"
                        title={collapsed ? label : undefined}
                        activeOptions={{ exact: item.exact ?? item.to === '/' }}
                      >
                        <item.icon aria-hidden="true" />
                        <span className="sidebar__label">{label}</span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </nav>
      <div className="sidebar__footer">
        <a
          href="/docs"
          target="_blank"
          rel="noreferrer"
          className="nav-link nav-link--quiet"
          title={collapsed ? m.apiReference : undefined}
        >
          <BookOpen aria-hidden="true" />
          <span className="sidebar__label">{m.apiReference}</span>
        </a>
      </div>
    </>
  );
}
