import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiClient } from '../api/client.ts';
import { ApiProvider } from '../api/context.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { Shell } from './Shell.tsx';

export function App({ client }: { client: ApiClient }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 } } }),
  );
  return (
    <ErrorBoundary label="the console">
      <ApiProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <Shell />
        </QueryClientProvider>
      </ApiProvider>
    </ErrorBoundary>
  );
}
