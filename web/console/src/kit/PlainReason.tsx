import type { ReactNode } from 'react';
import './plain-reason.css';

/**
 * Why something failed, for the person who has to deal with it: the category in plain words, what
 * to do next, and the engineer's exact wording behind a disclosure (it names values, a stack, a
 * field path: useful to support, noise to everyone else).
 */
export function PlainReason({
  label,
  next,
  nextLabel,
  technical,
  technicalLabel,
  extra,
  compact = false,
}: {
  readonly label: string;
  readonly next: string;
  readonly nextLabel: string;
  readonly technical: string;
  readonly technicalLabel: string;
  /** A line under the label (the field at fault, a failed replay). */
  readonly extra?: ReactNode;
  /** In a table row: the next step stays one line (the title holds all of it). */
  readonly compact?: boolean;
}) {
  return (
    <span className="plain-reason">
      <span className="plain-reason__label">{label}</span>
      {extra}
      <span
        className={
          compact ? 'plain-reason__next plain-reason__next--compact subtle' : 'plain-reason__next subtle'
        }
        title={compact ? next : undefined}
      >
        <span className="visually-hidden">{nextLabel}: </span>
        {next}
      </span>
      <details className="plain-reason__technical">
        <summary>{technicalLabel}</summary>
        <code>{technical}</code>
      </details>
    </span>
  );
}
