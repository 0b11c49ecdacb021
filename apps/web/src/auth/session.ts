/** Who is signed in: `GET /api/v1/me` (the session cookie decides); null when nobody is. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';

export function useMe() {
  return useQuery<Me | null>({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await call('auth.me');
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await call('auth.logout').catch(() => undefined);
    qc.clear();
    qc.setQueryData(['me'], null);
  };
}
