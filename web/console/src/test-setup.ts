import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { session } from '@/api/client';
import { queryClient } from '@/kit/query';
import { clearToasts } from '@/kit/toast';

// A failed load is shown at once in tests, not after the retries a real reader gets.
queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });

// Unmount first: a mounted query would refetch when the cache is cleared, after fetch is restored.
afterEach(async () => {
  cleanup();
  // The files of a worker share its modules and document (isolate: false): the next test starts
  // without this one's toasts, and without what a portal left behind in the document.
  clearToasts();
  document.body.replaceChildren();
  await queryClient.cancelQueries();
  queryClient.clear();
  if (session.current()) session.end('signedOut');
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

// findBy… and waitFor give up after one second by default; a chart page on a busy two-core
// machine can take longer to appear, and a test must not fail on timing.
configure({ asyncUtilTimeout: 10_000 });
