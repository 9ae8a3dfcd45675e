import { adminNavigation } from '@/features/admin';
import { callsNavigation } from '@/features/calls';
import { campaignsNavigation } from '@/features/campaigns';
import { catalogNavigation } from '@/features/catalog';
import { conversationsNavigation } from '@/features/conversations';
import { customersNavigation } from '@/features/customers';
import { leadsNavigation } from '@/features/leads';
import { notificationsNavigation } from '@/features/notifications';
import { ordersNavigation } from '@/features/orders';
import { overviewNavigation } from '@/features/overview';
import { privacyNavigation } from '@/features/privacy';
import { recordingsNavigation } from '@/features/recordings';
import { analysisNavigation } from '@/features/analysis';
import { qualityNavigation } from '@/features/quality';
import { usageNavigation } from '@/features/usage';
import type { NavSection } from '@/kit/navigation';

/** Features may add entries to another's section: sections with the same id become one, at the first one's place and title. */
function joinSections(sections: readonly NavSection[]): NavSection[] {
  const joined: NavSection[] = [];
  for (const section of sections) {
    const index = joined.findIndex((s) => s.id === section.id);
    const first = joined[index];
    if (first) joined[index] = { ...first, items: [...first.items, ...section.items] };
    else joined.push(section);
  }
  return joined;
}

/** The side navigation: each feature's sections, in this order. */
export const navigation: readonly NavSection[] = joinSections([
  ...overviewNavigation,
  ...callsNavigation,
  ...conversationsNavigation,
  ...recordingsNavigation,
  ...qualityNavigation,
  ...analysisNavigation,
  ...leadsNavigation,
  ...campaignsNavigation,
  ...ordersNavigation,
  ...catalogNavigation,
  ...customersNavigation,
  ...privacyNavigation,
  ...notificationsNavigation,
  ...adminNavigation,
  ...usageNavigation,
]);
