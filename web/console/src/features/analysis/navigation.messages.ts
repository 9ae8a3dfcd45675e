import { defineMessages } from '@/i18n';

export const analysisNavigationMessages = defineMessages(
  {
    scorecards: 'Scorecards',
    insightSchemas: 'Insight schemas',
    categories: 'Categories',
    disputes: 'QA disputes',
  },
  {
    de: {
      scorecards: 'Scorecards',
      insightSchemas: 'Insight-Schemas',
      categories: 'Kategorien',
      disputes: 'QA-Widersprüche',
    },
  },
);
