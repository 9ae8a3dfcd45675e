import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';

const campaignsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'campaigns',
  component: gated(
    'campaigns:read',
    lazyRouteComponent(() => import('./list/campaigns.page'), 'CampaignsPage'),
  ),
});

const newCampaignRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'campaigns/new',
  component: gated(
    'campaigns:write',
    lazyRouteComponent(() => import('./builder/campaign-builder.page'), 'NewCampaignPage'),
  ),
});

const campaignRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'campaigns/$campaignId',
  component: gated(
    'campaigns:read',
    lazyRouteComponent(() => import('./detail/campaign.page'), 'CampaignPage'),
  ),
});

const editCampaignRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'campaigns/$campaignId/edit',
  component: gated(
    'campaigns:write',
    lazyRouteComponent(() => import('./builder/campaign-builder.page'), 'EditCampaignPage'),
  ),
});

export const campaignsRoutes = [campaignsRoute, newCampaignRoute, campaignRoute, editCampaignRoute] as const;
