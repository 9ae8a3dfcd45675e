import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect } from 'react';
import { session } from '@/api/client';
import { messagesNow } from '@/i18n';
import { queryClient } from '@/kit/query';
import { toast } from '@/kit/toast';
import { appMessages } from './app.messages';
import { AppErrorBoundary } from './AppErrorBoundary';
import { router } from './router';

/** When the session ends (here, in another tab, or because it expired), drop its data and go to sign-in. */
function useSessionEndRedirect() {
  useEffect(
    () =>
      session.subscribe((current, ended) => {
        if (current) return;
        queryClient.clear();
        const here = router.state.location;
        if (here.pathname === '/sign-in') return;
        if (ended === 'expired') {
          const m = messagesNow(appMessages).session;
          toast.info(m.endedTitle, m.endedText);
        }
        const back =
          ended === 'expired' && here.pathname !== '/' ? `?redirect=${encodeURIComponent(here.href)}` : '';
        void router.navigate({ href: `/sign-in${back}`, replace: true });
      }),
    [],
  );
}

export function App() {
  useSessionEndRedirect();
  return (
    <AppErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </AppErrorBoundary>
  );
}
