import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { CircleAlert, Compass } from 'lucide-react';
import { isApiError, messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { ForbiddenView } from '@/kit/Forbidden';
import { appMessages } from './app.messages';
import { useInShell } from './shell/in-shell';

/** Shown while a page's code or data loads for longer than a moment. */
export function PagePending() {
  const m = useMessages(appMessages).views;
  return (
    <div className="page-pending" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{m.loading}</span>
    </div>
  );
}

/**
 * Inside the console it sits in the shell's main; a visitor who is not signed in gets it bare, so
 * it brings its own main landmark then.
 */
export function NotFoundView() {
  const m = useMessages(appMessages).views;
  const Landmark = useInShell() ? 'div' : 'main';
  return (
    <Landmark className="state route-state">
      <div className="state__icon" aria-hidden="true">
        <Compass />
      </div>
      <h1 className="state__title">{m.notFoundTitle}</h1>
      <p className="state__text">{m.notFoundText}</p>
      <div className="state__actions">
        <Link to="/" className="btn btn--primary">
          {m.notFoundAction}
        </Link>
      </div>
    </Landmark>
  );
}

/** A page that failed to load or render: why, in words, and a way forward. */
export function RouteErrorView({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const m = useMessages(appMessages).views;
  if (isApiError(error) && error.status === 403) return <ForbiddenView />;
  const chunkFailed =
    error instanceof TypeError &&
    /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <div className="state state--error route-state" role="alert">
      <div className="state__icon" aria-hidden="true">
        <CircleAlert />
      </div>
      <h1 className="state__title">{chunkFailed ? m.updatedTitle : m.failedTitle}</h1>
      <p className="state__text">{chunkFailed ? m.updatedText : messageOf(error)}</p>
      {isApiError(error) && error.requestId ? <p className="subtle">{m.reference(error.requestId)}</p> : null}
      <div className="state__actions">
        {chunkFailed ? (
          <Button variant="primary" onClick={() => window.location.reload()}>
            {m.reload}
          </Button>
        ) : (
          <Button
            variant="primary"
            onClick={() => {
              reset();
              void router.invalidate();
            }}
          >
            {m.tryAgain}
          </Button>
        )}
      </div>
    </div>
  );
}
