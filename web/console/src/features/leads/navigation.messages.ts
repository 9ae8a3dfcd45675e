import { defineMessages } from '@/i18n';

export const leadsNavigationMessages = defineMessages(
  {
    outbound: 'Outbound',
    lists: 'Lead lists',
    leads: 'Leads',
    imports: 'Lead imports',
    consent: 'Consent',
    dnc: 'Do not call',
  },
  {
    de: {
      outbound: 'Outbound',
      lists: 'Lead-Listen',
      leads: 'Leads',
      imports: 'Lead-Importe',
      consent: 'Einwilligungen',
      dnc: 'Sperrliste',
    },
  },
);
