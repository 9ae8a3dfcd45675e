import { CircleAlert, Inbox, Lock } from 'lucide-react';
import type { ReactNode } from 'react';
import { isApiError, messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button } from './Button';
import { kitMessages } from './kit.messages';

export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="state">
      <div className="state__icon" aria-hidden="true">
        {icon ?? <Inbox />}
      </div>
      <p className="state__title">{title}</p>
      {children ? <div className="state__text">{children}</div> : null}
      {action ? <div className="state__actions">{action}</div> : null}
    </div>
  );
}

/** A failed load: what went wrong in words, and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const m = useMessages(kitMessages);
  const forbidden = isApiError(error) && error.status === 403;
  return (
    <div className="state state--error" role="alert">
      <div className="state__icon" aria-hidden="true">
        {forbidden ? <Lock /> : <CircleAlert />}
      </div>
      <p className="state__title">{forbidden ? m.roleForbids : (title ?? m.loadFailed)}</p>
      <div className="state__text">
        <p>{messageOf(error)}</p>
        {isApiError(error) && error.requestId ? (
          <p className="subtle">{m.reference(error.requestId)}</p>
        ) : null}
      </div>
      {onRetry && !forbidden ? (
        <div className="state__actions">
          <Button onClick={onRetry}>{m.tryAgain}</Button>
        </div>
      ) : null}
    </div>
  );
}

/** Placeholder rows while a table loads, shaped like the table. */
export function LoadingRows({
  columns,
  rows = 4,
  label,
}: {
  columns: number;
  rows?: number;
  label?: string;
}) {
  const m = useMessages(kitMessages);
  return (
    <tbody aria-busy="true">
      <tr className="visually-hidden">
        <td colSpan={columns}>{label ?? m.loading}…</td>
      </tr>
      {Array.from({ length: rows }, (_, row) => (
        <tr key={row} aria-hidden="true">
          {Array.from({ length: columns }, (_, column) => (
            <td key={column}>
              <span
                className="skeleton"
                style={{ width: `${column === 0 ? 70 : 40 + ((row * 7 + column * 13) % 40)}%` }}
              />
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}

export function LoadingBlock({ label, lines = 3 }: { label?: string; lines?: number }) {
  const m = useMessages(kitMessages);
  return (
    <div className="stack stack--sm" aria-busy="true" role="status">
      <span className="visually-hidden">{label ?? m.loading}…</span>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton" aria-hidden="true" style={{ width: `${90 - i * 18}%` }} />
      ))}
    </div>
  );
}

/** A table row spanning all columns, for the empty and error states inside a table. */
export function TableMessage({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tbody>
      <tr>
        <td colSpan={columns}>{children}</td>
      </tr>
    </tbody>
  );
}

/** The state of a query a table shows: the parts of TanStack Query's result it reads. */
export interface TableQuery {
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly error: unknown;
  refetch(): unknown;
}

/**
 * A table's body for a query: skeleton rows while it loads, the error with a retry, the empty
 * state, or the rows. Every list table of the console shows these four states alike.
 */
export function QueryTableBody({
  query,
  columns,
  loadingLabel,
  loadingRows,
  errorTitle,
  isEmpty,
  empty,
  children,
}: {
  query: TableQuery;
  columns: number;
  loadingLabel: string;
  loadingRows?: number;
  errorTitle: string;
  isEmpty: boolean;
  empty: ReactNode;
  /** The rows, rendered only once there are some. */
  children: () => ReactNode;
}) {
  if (query.isPending)
    return (
      <LoadingRows
        columns={columns}
        label={loadingLabel}
        {...(loadingRows === undefined ? {} : { rows: loadingRows })}
      />
    );
  if (query.isError) {
    return (
      <TableMessage columns={columns}>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} title={errorTitle} />
      </TableMessage>
    );
  }
  if (isEmpty) return <TableMessage columns={columns}>{empty}</TableMessage>;
  return <tbody>{children()}</tbody>;
}
