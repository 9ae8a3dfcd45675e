import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';
import { recordingsSearch } from './recordings.search';

const recordingsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'recordings',
  validateSearch: recordingsSearch,
  component: gated(
    'recordings:read',
    lazyRouteComponent(() => import('./list/recordings.page'), 'RecordingsPage'),
  ),
});

const recordingRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'recordings/$recordingId',
  component: gated(
    'recordings:read',
    lazyRouteComponent(() => import('./detail/recording.page'), 'RecordingPage'),
  ),
});

const conversationSettingsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/settings',
  component: gated(
    'settings:read',
    lazyRouteComponent(() => import('./settings/conversation-settings.page'), 'ConversationSettingsPage'),
  ),
});

export const recordingsRoutes = [recordingsRoute, recordingRoute, conversationSettingsRoute] as const;
