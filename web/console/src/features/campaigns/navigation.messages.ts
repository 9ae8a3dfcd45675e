import { defineMessages } from '@/i18n';

export const campaignsNavigationMessages = defineMessages(
  { outbound: 'Outbound', campaigns: 'Campaigns' },
  { de: { outbound: 'Outbound', campaigns: 'Kampagnen' } },
);
