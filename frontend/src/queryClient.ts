import { QueryClient } from '@tanstack/react-query';
import { isProblemError } from './api';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change on retry; network trouble and 5xx may.
        retry: (failures, error) => {
          if (isProblemError(error) && error.status >= 400 && error.status < 500) return false;
          return failures < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
