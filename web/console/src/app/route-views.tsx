import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { CircleAlert, Compass } from 'lucide-react';
import { isApiError, messageOf } from '@/api/problem';
import { Button } from '@/kit/Button';
import { ForbiddenView } from '@/kit/Forbidden';

/** Shown while a page's code or data loads for longer than a moment. */
export function PagePending() {
  return (
    <div className="page-pending" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>Loading…</span>
    </div>
  );
}

export function NotFoundView() {
  return (
    <div className="state route-state">
      <div className="state__icon" aria-hidden="true">
        <Compass />
      </div>
      <h1 className="state__title">This page does not exist</h1>
      <p className="state__text">The address may be mistyped, or the page may have moved.</p>
      <div className="state__actions">
        <Link to="/" className="btn btn--primary">
          Go to the overview
        </Link>
      </div>
    </div>
  );
}

/** A page that failed to load or render: why, in words, and a way forward. */
export function RouteErrorView({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  if (isApiError(error) && error.status === 403) return <ForbiddenView />;
  const chunkFailed = error instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <div className="state state--error route-state" role="alert">
      <div className="state__icon" aria-hidden="true">
        <CircleAlert />
      </div>
      <h1 className="state__title">{chunkFailed ? 'Switchboard was updated' : 'This page could not be shown'}</h1>
      <p className="state__text">{chunkFailed ? 'Reload to get the new version.' : messageOf(error)}</p>
      {isApiError(error) && error.requestId ? <p className="subtle">Reference: {error.requestId}</p> : null}
      <div className="state__actions">
        {chunkFailed ? (
          <Button variant="primary" onClick={() => window.location.reload()}>
            Reload
          </Button>
        ) : (
          <Button
            variant="primary"
            onClick={() => {
              reset();
              void router.invalidate();
            }}
          >
            Try again
          </Button>
        )}
      </div>
    </div>
  );
}
