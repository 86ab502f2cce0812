import { QueryClient } from '@tanstack/react-query';
import { retryDelay, shouldRetry } from '../fhir/retryPolicy';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, retryDelay, staleTime: 60_000, refetchOnWindowFocus: false },
    },
  });
}
