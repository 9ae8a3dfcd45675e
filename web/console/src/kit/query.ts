import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/api/problem';

/** The console's one cache of server data. Refusals (4xx) are not retried: asking again changes nothing. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failures, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});
