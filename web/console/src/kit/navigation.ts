import type { LinkProps } from '@tanstack/react-router';
import type { LucideIcon } from 'lucide-react';
import type { ConsolePermission } from './permissions';

/**
 * A navigation text in the reader's language: a feature reads it from its message catalogue
 * (`() => messagesNow(adminNavigationMessages).users`); the shell calls it on every render, and
 * re-renders when the language changes.
 */
export type NavText = () => string;

/** An entry of the console's side navigation, contributed by a feature. */
export interface NavItem {
  readonly label: NavText;
  readonly to: LinkProps['to'];
  readonly icon: LucideIcon;
  /** Shown only to roles with this permission (the page refuses others anyway). */
  readonly permission?: ConsolePermission;
  /** Highlighted only on exactly this path, not on the paths below it (a list whose siblings have entries of their own). */
  readonly exact?: boolean;
}

export interface NavSection {
  /** Stable across languages: the key and the element id of the section. */
  readonly id: string;
  readonly title: NavText;
  readonly items: readonly NavItem[];
}
