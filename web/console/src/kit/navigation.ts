import type { LinkProps } from '@tanstack/react-router';
import type { LucideIcon } from 'lucide-react';
import type { ConsolePermission } from './permissions';

/** An entry of the console's side navigation, contributed by a feature. */
export interface NavItem {
  readonly label: string;
  readonly to: LinkProps['to'];
  readonly icon: LucideIcon;
  /** Shown only to roles with this permission (the page refuses others anyway). */
  readonly permission?: ConsolePermission;
  /** Highlighted only on exactly this path, not on the paths below it (a list whose siblings have entries of their own). */
  readonly exact?: boolean;
}

export interface NavSection {
  /** Sections with the same title from several features are merged, in the order features are listed. */
  readonly title: string;
  readonly items: readonly NavItem[];
}
