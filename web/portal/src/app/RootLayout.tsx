import { Link, Outlet } from '@tanstack/react-router';
import { useMessages } from '@/i18n';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { Toaster } from '@/kit/toast';
import { appMessages } from './app.messages';

export function RootLayout() {
  return (
    <>
      <Outlet />
      <Toaster />
    </>
  );
}

export function PagePending() {
  return (
    <div className="page-pending">
      <LoadingBlock />
    </div>
  );
}

export function NotFoundView() {
  const m = useMessages(appMessages);
  return (
    <main className="portal-main" id="main">
      <h1 className="visually-hidden">{m.notFoundTitle}</h1>
      <EmptyState
        title={m.notFoundTitle}
        action={
          <Link className="btn btn--primary" to="/" search={{}}>
            {m.toProducts}
          </Link>
        }
      >
        <p>{m.notFoundText}</p>
      </EmptyState>
    </main>
  );
}

export function RouteErrorView({ error }: { error: unknown }) {
  const m = useMessages(appMessages);
  return (
    <main className="portal-main" id="main">
      <h1 className="visually-hidden">{m.failedTitle}</h1>
      <ErrorState error={error} title={m.failedTitle} onRetry={() => window.location.reload()} />
    </main>
  );
}
