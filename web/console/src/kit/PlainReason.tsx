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
  /** Left out where the page shows the whole error elsewhere. */
  readonly technical?: string | undefined;
  readonly technicalLabel?: string | undefined;
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
      {technical !== undefined && technicalLabel !== undefined ? (
        <details className="plain-reason__technical">
          <summary>{technicalLabel}</summary>
          <code>{technical}</code>
        </details>
      ) : null}
    </span>
  );
}

/** The words a page explains its failure categories with (quarantine, dead letters). */
export interface ReasonWords<Category extends string> {
  readonly categories: Readonly<Record<Category, string>>;
  readonly nextSteps: Readonly<Record<Category, string>>;
  readonly nextStep: string;
  readonly technical: string;
}

/** A PlainReason of a failure category: its plain words and next step from the page's catalogue. */
export function CategoryReason<Category extends string>({
  category,
  words,
  technical,
  extra,
  compact = false,
}: {
  readonly category: Category;
  readonly words: ReasonWords<Category>;
  /** The engineer's wording; left out where the page shows it whole. */
  readonly technical?: string | undefined;
  readonly extra?: ReactNode;
  readonly compact?: boolean;
}) {
  return (
    <PlainReason
      label={words.categories[category]}
      next={words.nextSteps[category]}
      nextLabel={words.nextStep}
      technical={technical}
      technicalLabel={technical === undefined ? undefined : words.technical}
      extra={extra}
      compact={compact}
    />
  );
}
