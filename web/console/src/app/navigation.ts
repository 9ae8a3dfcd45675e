import { adminNavigation } from '@/features/admin';
import { callsNavigation } from '@/features/calls';
import { overviewNavigation } from '@/features/overview';
import { recordingsNavigation } from '@/features/recordings';
import type { NavSection } from '@/kit/navigation';

/** The side navigation: each feature's sections, in this order. */
export const navigation: readonly NavSection[] = [
  ...overviewNavigation,
  ...callsNavigation,
  ...recordingsNavigation,
  ...adminNavigation,
];
