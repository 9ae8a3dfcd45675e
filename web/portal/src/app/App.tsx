import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect } from 'react';
import { messagesNow } from '@/i18n';
import { queryClient } from '@/kit/query';
import { toast } from '@/kit/toast';
import { session } from '@portal/api/client';
import { appMessages } from './app.messages';
import { router } from './router';

/** When the session ends (here, in another tab, or because it expired), drop its data and go to sign-in. */
function useSessionEndRedirect() {
  useEffect(
    () =>
      session.subscribe((current, ended) => {
        if (current) return;
        queryClient.clear();
        const here = router.state.location;
        if (['/sign-in', '/sign-up', '/verify-email', '/auth/callback'].includes(here.pathname)) return;
        if (ended === 'expired') toast.info(messagesNow(appMessages).sessionEnded);
        void router.navigate({ href: '/sign-in', replace: true });
      }),
    [],
  );
}

export function App() {
  useSessionEndRedirect();
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
